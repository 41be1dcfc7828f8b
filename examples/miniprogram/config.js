// Fill these in before running in WeChat DevTools (see README.md).
// SDK_APP_ID: your Tencent Cloud IM/TRTC application's SDKAppID.
// USER_ID / USER_SIG: the logged-in user and a UserSig for it, made by YOUR SERVER in production.
// For local testing, a debug UserSig can be made with Tencent's GenerateTestUserSig
// (never ship a SecretKey in an app).
// CALLEE / GROUP: whom the page's buttons call.
module.exports = {
  SDK_APP_ID: 0,
  USER_ID: 'user0',
  USER_SIG: '',
  CALLEE: 'user1',
  GROUP: ['user1', 'user2'],
};
