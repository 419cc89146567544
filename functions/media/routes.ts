// The media service's routes, each declared once: its handler, who may call it, the schemas the handler
// validates with and the response it gives. The API, the OpenAPI document and the authorizer's route table
// are built from these entries (scripts/generate.ts).
import { defineRoutes } from '@commerce/lambda-kit/service';
import {
  completeUploadBody,
  mediaIdParams,
  mediaSchema,
  productUploadBody,
  reviewUploadBody,
  uploadSchema,
} from './schemas.ts';

const uploaded =
  'The upload’s record (`awaiting-upload`) and how to send the bytes, valid until `expiresAt`. The API never ' +
  'carries the bytes: once they land they are checked (a real image of that type, within the size and pixel ' +
  'limits) and rendered into AVIF and WebP files; GET /media/{id} shows the outcome.';

export const mediaRoutes = defineRoutes('media', {
  'POST /media/product-uploads': {
    entry: 'http/create-product-upload.ts',
    access: 'staff',
    permissions: ['presignUploads'],
    summary: 'Start the upload of a product image.',
    body: productUploadBody,
    response: { status: 201, description: uploaded, body: uploadSchema },
  },
  'POST /media/uploads': {
    entry: 'http/create-review-upload.ts',
    access: 'customer',
    permissions: ['presignUploads'],
    summary: 'Start the upload of a review photo (20 a day per customer).',
    body: reviewUploadBody,
    response: {
      status: 201,
      description: `${uploaded} A customer starts at most 20 uploads a UTC day (429 \`upload-quota-exceeded\`).`,
      body: uploadSchema,
    },
  },
  'POST /media/uploads/{id}/complete': {
    entry: 'http/complete-upload.ts',
    access: 'customer',
    permissions: ['presignUploads'],
    summary: 'Finish an upload sent in parts.',
    params: mediaIdParams,
    body: completeUploadBody,
    response: {
      status: 200,
      description:
        'The upload, assembled from its parts (each with the ETag its PUT answered); it is checked next. 422 ' +
        '`not-multipart` for a form upload, `upload-incomplete` when the parts do not assemble.',
      body: mediaSchema,
    },
    errors: [404, 422],
  },
  'GET /media/{id}': {
    entry: 'http/get-media.ts',
    access: 'customer',
    summary: 'An upload and what became of it.',
    readOnly: true,
    params: mediaIdParams,
    response: {
      status: 200,
      description:
        'The upload: waiting, ready with its image, or rejected with the reason. Yours, or any for staff.',
      body: mediaSchema,
    },
    errors: [404],
  },
});
