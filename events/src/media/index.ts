// The media service's events, each named once, and the image shape other services show.
export {
  focalPointSchema,
  imageFileSchema,
  processedImageSchema,
  type FocalPoint,
  type ImageFile,
  type ProcessedImage,
} from './image.ts';
export { MediaProcessed, MediaRejected, mediaPurposeSchema } from './media-events.ts';
