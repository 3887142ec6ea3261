// Face codes and their descriptions exactly as the engine gives them (reference: error-code page).
// The misspellings (Livess, Quaility) are the real codes.
export const FACE_CODES = {
  'AuthFailure.InvalidAuthorization': 'CAM signature/authentication error.',
  'FailedOperation.ActionCloseEye': 'No motions of eye closing are detected.',
  'FailedOperation.ActionFaceClose': 'The face is too close to the screen.',
  'FailedOperation.ActionFaceFar': 'The face is too far from the screen.',
  'FailedOperation.ActionFaceLeft': 'The face is too far left from the screen.',
  'FailedOperation.ActionFaceRight': 'The face is too far right from the screen.',
  'FailedOperation.ActionFirstAction': 'No movement is detected.',
  'FailedOperation.ActionLightDark': 'The lighting is too dim.',
  'FailedOperation.ActionLightStrong': 'The lighting is too strong.',
  'FailedOperation.ActionNodetectFace': 'Failed to detect a full face.',
  'FailedOperation.ActionOpenMouth': 'No motions of mouth opening are detected.',
  'FailedOperation.CompareFail': 'Comparison failed.',
  'FailedOperation.CompareLowSimilarity': 'The comparison similarity did not reach the passing standard.',
  'FailedOperation.CompareSystemError': 'Error calling the comparison engine API.',
  'FailedOperation.DownLoadError': 'File download failed.',
  'FailedOperation.DownLoadTimeoutError': 'File download timed out.',
  'FailedOperation.LifePhotoDetectFaces': 'Multiple faces are detected.',
  'FailedOperation.LifePhotoDetectFake': 'Real person comparison failed.',
  'FailedOperation.LifePhotoDetectNoFaces': 'Failed to detect a full face.',
  'FailedOperation.LifePhotoPoorQuality': 'The resolution of the image passed in is too low. Please upload a new one.',
  'FailedOperation.LifePhotoSizeError': 'The image passed in is too large or too small.',
  'FailedOperation.LipFaceIncomplete': 'The face is not fully exposed.',
  'FailedOperation.LipMoveSmall': 'The lip movement range is too small.',
  'FailedOperation.LipNetFailed': 'Failed to pull the video. Please try again.',
  'FailedOperation.LipSizeError': 'The video is empty or its size is inappropriate. The recording duration should be about 6 seconds.',
  'FailedOperation.LipVideoInvalid': 'The video format is incorrect.',
  'FailedOperation.LipVideoQuaility': 'The video definition is too low.',
  'FailedOperation.LipVoiceDetect': 'No sound is detected.',
  'FailedOperation.LipVoiceLow': 'The volume of the video is too low.',
  'FailedOperation.LipVoiceRecognize': 'Speech recognition failed.',
  'FailedOperation.LivessBestFrameError': 'Face detection failed. Unable to extract the photo for comparison.',
  'FailedOperation.LivessDetectFail': 'Liveness detection failed.',
  'FailedOperation.LivessDetectFake': 'Suspected spoofed recording.',
  'FailedOperation.LivessSystemError': 'Error calling the liveness engine API.',
  'FailedOperation.LivessUnknownError': 'Video-based real person detection failed.',
  'FailedOperation.SilentDetectFail': 'Real person detection failed.',
  'FailedOperation.SilentEyeLiveFail': 'Eye detection failed.',
  'FailedOperation.SilentFaceDetectFail': 'No face is detected in the video.',
  'FailedOperation.SilentFaceQualityFail': 'Low face quality.',
  'FailedOperation.SilentFaceWithMaskFail': 'A face mask is detected.',
  'FailedOperation.SilentMouthLiveFail': 'Mouth detection failed.',
  'FailedOperation.SilentMultiFaceFail': 'Multiple faces are detected in the video.',
  'FailedOperation.SilentPictureLiveFail': 'The video might be spoofed.',
  'FailedOperation.SilentThreshold': 'Real person detection did not reach the passing standard.',
  'FailedOperation.UnKnown': 'Unknown internal error.',
  'InvalidParameter': 'Invalid parameter.',
  'InvalidParameterValue': 'Incorrect parameter value.',
  'UnsupportedOperation': 'Unsupported operation.',
} as const satisfies Record<string, string>

/**
 * Codes the face engine (FaceID LivenessCompare) documents beyond MasChain's list: its SDK's error
 * list for the API (SilentTooShort, UnauthorizedOperation.*) and its error table (CompressVideoError),
 * with the engine's own descriptions. Choosable inline and step by step; no preset uses them.
 */
export const FACE_UNLISTED_CODES = {
  'FailedOperation.CompressVideoError': 'The video compression failed. Please try again or reduce the size of the input video.',
  'FailedOperation.SilentTooShort': 'The video is too short. Please capture a video longer than 2 seconds.',
  'UnauthorizedOperation': 'Unauthorized operation.',
  'UnauthorizedOperation.Arrears': 'The account is in arrears.',
  'UnauthorizedOperation.NonAuthorize': 'Identity verification has not been completed for the account.',
  'UnauthorizedOperation.Nonactivated': 'The service has not been activated.'
} as const satisfies Record<string, string>

export type FaceListedCode = keyof typeof FACE_CODES
export type FaceUnlistedCode = keyof typeof FACE_UNLISTED_CODES
export type FaceErrorCode = FaceListedCode | FaceUnlistedCode
export type FaceCode = 'Success' | FaceErrorCode

export const FACE_CODE_LIST = ['Success', ...Object.keys(FACE_CODES), ...Object.keys(FACE_UNLISTED_CODES)] as FaceCode[]

export function describeFaceCode (code: FaceCode): string {
  if (code === 'Success') return 'Success'
  return Object.hasOwn(FACE_CODES, code) ? FACE_CODES[code as FaceListedCode] : FACE_UNLISTED_CODES[code as FaceUnlistedCode]
}
