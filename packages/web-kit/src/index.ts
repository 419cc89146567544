// What the admin console and the storefront share (browser side). The Vite side is `@commerce/web-kit/vite`.
export { mayCall, type Method } from './access.ts';
export { apiClient, type CommerceClient } from './api.ts';
export {
  CALLBACK_PATH,
  createUserManager,
  sessionOf,
  signOut,
  type AuthOptions,
  type Session,
} from './auth.ts';
export { ConfigError, loadConfig, type AppConfig } from './config.ts';
export {
  IMAGE_TYPES,
  imageFileProblem,
  PRODUCT_IMAGE_UPLOAD,
  REVIEW_PHOTO_UPLOAD,
  uploadImage,
  type ImageType,
  type ProcessedImage,
  type UploadKind,
  type UploadOutcome,
} from './media-upload.ts';
export {
  ApiProblem,
  fieldErrors,
  isProblem,
  must,
  problemOf,
  problemMessage,
  problemSlug,
  type Problem,
} from './problem.ts';
export { startApp, type StartOptions } from './start.tsx';
