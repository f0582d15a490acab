export { completeMultipartUpload } from './complete-upload';
export { createMultipartUpload } from './create-upload';
export { abortMultipartUpload, recoverMultipartStorage, releaseMultipartUpload } from './remove-upload';
export { listMultipartUploads, listParts, scanMultipartUploads } from './upload-listing';
export { uploadPart, uploadPartCopy } from './upload-part';
