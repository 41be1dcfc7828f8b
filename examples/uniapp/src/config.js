// Fill these in before running in WeChat DevTools (see README.md).
// SDK_APP_ID: your Tencent Cloud IM/TRTC application's SDKAppID.
// USER_ID / USER_SIG: the logged-in user and a UserSig for it, made by YOUR SERVER in production.
// For local testing, a debug UserSig can be made with ../../examples/debug/GenerateTestUserSig.js
// (never ship a SecretKey in an app).
export const SDK_APP_ID = 0;
export const USER_ID = 'user0';
export const USER_SIG = '';
