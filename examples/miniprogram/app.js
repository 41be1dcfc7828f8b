// The IM SDK instance the component signals through. Two ways (see README.md):
//  1. set wx.$TIM here (as the original TUICalling did; done below): the component uses it
//     when the page's config has no `tim`;
//  2. put it in globalData.tim: pages/call/call.js then passes it as config.tim (a template
//     binding copies it: see the README's caveat).
// This file creates it with the IM SDK from npm (`npm i @tencentcloud/chat`, then DevTools →
// Tools → Build npm) once config.js has an SDKAppID. Without the SDK the page shows init()'s error.
const config = require('./config.js');

App({
  globalData: { tim: null },

  onLaunch() {
    if (!config.SDK_APP_ID || wx.$TIM) return;
    let TencentCloudChat = null;
    try {
      TencentCloudChat = require('@tencentcloud/chat');
    } catch (error) {
      console.warn('app.js: @tencentcloud/chat is not built (npm i @tencentcloud/chat, then Tools → Build npm)');
      return;
    }
    const tim = (TencentCloudChat.default || TencentCloudChat).create({ SDKAppID: config.SDK_APP_ID });
    wx.$TIM = tim;
  },
});
