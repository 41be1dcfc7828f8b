// A native mini-program page using <tuicalling> (registered in call.json). It is a plain
// Page({...}); tests/miniprogram-example.test.js loads this same file into miniprogram-simulate
// with a Page() that registers the definition as a component (see README.md).
const config = require('../../config.js');

function component(page) {
  return page.selectComponent('#TUICalling-component');
}

function report(page, what) {
  return (error) => {
    const text = `${what}: ${(error && error.message) || error}`;
    console.warn(text);
    page.setData({ status: text });
  };
}

Page({
  data: {
    config: { sdkAppID: 0, userID: '', userSig: '', type: 2 },
    callee: config.CALLEE,
    groupText: config.GROUP.join(', '),
    status: '',
    lastMessage: '',
  },

  onLoad() {
    const cfg = { sdkAppID: config.SDK_APP_ID, userID: config.USER_ID, userSig: config.USER_SIG, type: 2 };
    // The IM SDK instance: config.tim from app.js's globalData, else the component uses wx.$TIM.
    const app = typeof getApp === 'function' ? getApp() : null;
    if (app && app.globalData && app.globalData.tim) cfg.tim = app.globalData.tim;
    this.setData({ config: cfg, status: '初始化中…' });
  },

  onReady() {
    this.initPromise = component(this).init().then(() => {
      this.setData({ status: '已就绪' });
    }, report(this, 'init'));
  },

  onUnload() {
    const calling = component(this);
    if (calling) calling.destroyed();
  },

  videoCall() {
    component(this).call({ userID: config.CALLEE, type: 2 }).catch(report(this, 'call'));
  },

  groupCall() {
    component(this).groupCall({ userIDList: config.GROUP, type: 2 }).catch(report(this, 'groupCall'));
  },

  hangUp() {
    component(this).hangup().catch(report(this, 'hangup'));
  },

  // The call's own signaling messages (invite, accept, hang up...) for a chat UI.
  onCallMessage(event) {
    const message = event.detail.message;
    this.setData({ lastMessage: `${message.from || ''} → ${message.to || ''}: ${message.type || ''}` });
  },

  onCallEnd() {
    this.setData({ status: '通话结束' });
  },
});
