// The real IM SDK types fit the driver's: @tencentcloud/chat's ChatSDK instance, its namespace
// and module. Compiled by tsconfig.sdk.json, which needs skipLibCheck (the SDK's own index.d.ts
// fails `strict`); the driver's declarations themselves are checked strictly by tsconfig.json.
// tim-wx-sdk ships no types.

import TencentCloudChat from '@tencentcloud/chat';
import type { ChatSDK } from '@tencentcloud/chat';
import type { CallDriverModule, TimInstance, TimNamespace, TimSdkModule, WxLike } from '../driver';
import type { TUICallingApi } from '../tuicalling';

declare global {
  namespace WechatMiniprogram {
    interface Wx {
      /** The app's instance, typed with the SDK's own declarations. */
      $TIM?: ChatSDK;
    }
  }
}

const { CallDriver } = require('../driver/call-driver.js') as CallDriverModule;

export function compatible(api: TUICallingApi): void {
  const chat: ChatSDK = TencentCloudChat.create({ SDKAppID: 1400000000 });
  const tim: TimInstance = chat;
  const namespace: TimNamespace = TencentCloudChat;
  const sdk: TimSdkModule = TencentCloudChat;
  const host: WxLike = wx;
  const driver = new CallDriver({
    api,
    config: { sdkAppID: 1400000000, userID: 'alice', userSig: 'sig' },
    tim: wx.$TIM,
    TIM: TencentCloudChat,
    wx,
  });
  chat.login({ userID: 'alice', userSig: 'sig' }).then((result) => driver.noteLogin(result));
  console.log(tim, namespace, sdk, host);
}
