// How a TypeScript mini-program uses the component's declarations: checked with
// `tsc -p js-glue/typecheck` against miniprogram-api-typings (never run, never shipped).
// The driver files are CommonJS without an index.js, so values come from `require` cast to the
// file's module interface, and types from `import type`.

import type {
  BinderModule,
  CallDriver,
  CallDriverModule,
  CallEndData,
  CallEventName,
  CallEventObject,
  CommandError,
  EndReason,
  EventsModule,
  ImAdapterModule,
  ImError,
  LivePlayerContextLike,
  LivePusherContextLike,
  MediaType,
  Rendered,
  TimerModule,
  TimInstance,
  TimSdkModule,
  Scheduler,
  UserUpdateData,
  WxLike,
} from '../driver';
import type {
  EngineOutput,
  InitOptions,
  PusherView,
  Signal,
  SignalError,
  TUICallingApi,
  TUICallingDebugApi,
  TUICallingLoadError,
  UserSigError,
} from '../tuicalling';
import { CallDriver as NotAValue } from '../driver'; // compiles as a type import only (see the end)

// The app publishes its chat instance as `wx.$TIM`: the app's own declaration, not the
// driver's (sdk-compat.ts checks the same with @tencentcloud/chat's ChatSDK type).
declare global {
  namespace WechatMiniprogram {
    interface Wx {
      $TIM?: TimInstance;
    }
  }
}

const tuicalling: typeof import('../tuicalling') = require('../../wxcomponents/TUICalling/wasm/tuicalling.js');
const { CallDriver: Driver, EVENT } = require('../driver/call-driver.js') as CallDriverModule;
const events = require('../driver/events.js') as EventsModule;
const { ImAdapter, CODES, DEFAULTS, errorCode } = require('../driver/im-adapter.js') as ImAdapterModule;
const { Binder, render, RENDER_KEYS } = require('../driver/binder.js') as BinderModule;
const { EngineTimer, DEFAULT_MAX_DELAY_MS } = require('../driver/timer.js') as TimerModule;

/** Exhaustiveness helper. */
function never(value: never): never {
  throw new Error('unexpected ' + String(value));
}

// ---- the real WeChat objects fit the driver's host types -----------------------------------

const hostWx: WxLike = wx;
const pusherContext: WechatMiniprogram.LivePusherContext = wx.createLivePusherContext();
const pusherLike: LivePusherContextLike = pusherContext;
pusherLike.setMICVolume?.({ volume: 1, fail: (error) => console.warn(error.errMsg) });
const appTim: TimInstance | undefined = wx.$TIM; // read only, never written
const wxScheduler: Scheduler = {
  setTimeout: (fn: () => void, ms: number): number => setTimeout(fn, ms),
  clearTimeout: (handle: number) => clearTimeout(handle),
};
// WeChat's loader, spelled out (init()'s default), and a stand-in for tools.
const wxInstantiate: InitOptions['instantiate'] = (path, imports) => WXWebAssembly.instantiate(path, imports);

// ---- the component ---------------------------------------------------------------------------

interface TUICallingInstance {
  driver: CallDriver | null;
}

type StateChange = WechatMiniprogram.CustomEvent<{ code: number; message: string }>;
type NetStatus = WechatMiniprogram.CustomEvent<{ info: { netQualityLevel: number; videoBitrate: number } }>;
type AudioVolume = WechatMiniprogram.CustomEvent<{ volume: number }>;
type PusherErrorEvent = WechatMiniprogram.CustomEvent<{ errCode: number; errMsg: string }>;

Component<{ callStatus: string; reason: EndReason | '' }, {}, {
  pusherStateChange(e: StateChange): void;
  pusherNetStatus(e: NetStatus): void;
  pusherAudioVolumeNotify(e: AudioVolume): void;
  pusherError(e: PusherErrorEvent): void;
  playerStateChange(e: StateChange): void;
  playerNetStatus(e: NetStatus): void;
  playerAudioVolumeNotify(e: AudioVolume): void;
  dial(e: WechatMiniprogram.TouchEvent<{}, {}, { userid: string }>): void;
}, [], TUICallingInstance>({
  data: { callStatus: 'idle', reason: '' },
  lifetimes: {
    ready() {
      tuicalling.init().then((api) => {
        const driver = new Driver({
          api,
          config: { sdkAppID: 1400000000, userID: 'alice', userSig: 'sig', type: 2, timeout: 30 },
          tim: wx.$TIM,
          wx,
          component: this,
          onLog: (level, text) => console.log(level, text),
          adapter: { sendTimeoutMs: 20000 },
        });
        this.driver = driver;
        driver
          .on('CALL_END', (e) => {
            const reason: EndReason = e.data.reason;
            const seconds: number = e.data.totalTime;
            this.setData({ callStatus: 'idle', reason });
            console.log(seconds, e.eventCode === 'CALL_END');
          })
          .on(EVENT.INVITED, (e) => {
            const type: MediaType = e.data.inviteData.callType;
            if (e.data.isFromGroup) console.log(e.data.groupID, e.data.userIDList.length, type);
            driver.accept();
          })
          .on('USER_UPDATE', function (this: TUICallingInstance, e) {
            const update: UserUpdateData = e.data;
            const url: string | undefined = update.pusher.url;
            const level = update.playerList.map((p) => (p.netStatus ? p.netStatus.netQualityLevel : 0));
            console.log(url, level, this.driver !== null);
          }, this)
          .on('ON_CALL_NOT_CONNECTED', (e) => console.log(e.data.reason, e.data.callRole))
          .on('USER_VOICE_VOLUME', (e) => console.log(e.data.volumeMap[0].audioVolume))
          .on('USER_NETWORK_QUALITY_CHANGED', (e) => console.log(e.data.networkQualityList[0].quality))
          .on('ERROR', (e) => {
            if (e.data.code === 'SEND_FAILED' || e.data.code === 'INPUT_FAILED') console.warn(e.data.message);
          })
          .on('KICKED_OUT', (e) => console.warn(e.data.type));
      }, (error: TUICallingLoadError) => {
        switch (error.code) {
          case 'BASE_LIBRARY_TOO_OLD':
          case 'NO_WXWEBASSEMBLY':
            wx.showModal({ title: 'Please update WeChat', content: error.message });
            break;
          case 'BAD_INSTANCE':
          case 'INSTANTIATE_FAILED':
            console.error(error.cause);
            break;
          default:
            never(error.code);
        }
      });
    },
    detached() {
      if (this.driver) this.driver.destroy().then(() => console.log('released'));
      this.driver = null;
    },
  },
  pageLifetimes: {
    show() {
      if (this.driver) this.driver.wake();
    },
  },
  methods: {
    pusherStateChange(e) { if (this.driver) this.driver.handlers.pusherStateChange(e); },
    pusherNetStatus(e) { if (this.driver) this.driver.handlers.pusherNetStatus(e); },
    pusherAudioVolumeNotify(e) { if (this.driver) this.driver.handlers.pusherAudioVolumeNotify(e); },
    pusherError(e) { if (this.driver) this.driver.handlers.pusherError(e); },
    playerStateChange(e) { if (this.driver) this.driver.handlers.playerStateChange(e); },
    playerNetStatus(e) { if (this.driver) this.driver.handlers.playerNetStatus(e); },
    playerAudioVolumeNotify(e) { if (this.driver) this.driver.handlers.playerAudioVolumeNotify(e); },
    dial(e) {
      const driver = this.driver;
      if (!driver) return;
      try {
        driver.call({ userID: e.currentTarget.dataset.userid, type: 2, offlinePushInfo: { title: 'alice' } });
      } catch (caught) {
        const error = caught as CommandError;
        switch (error.code) {
          case 'BUSY':
          case 'NO_CALL':
          case 'NOT_ALLOWED':
          case 'INVALID_ARGUMENT':
          case 'INVALID_CONFIG':
            wx.showToast({ title: error.message, icon: 'none' });
            break;
          case 'DESTROYED':
            break;
          default:
            never(error);
        }
      }
      // A player context, created the way the binder does (id, componentThis).
      const player: LivePlayerContextLike = wx.createLivePlayerContext('bob_main', this);
      if (player.stop) player.stop({});
    },
  },
});

// ---- a page that creates and logs in its own instance --------------------------------------

declare const chatModule: TimSdkModule;
Page({
  driver: null as CallDriver | null,
  onLoad() {
    const options: InitOptions = { wasmPath: '/wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br', instantiate: wxInstantiate };
    if (tuicalling.isReady()) console.log(tuicalling.wasmPath);
    tuicalling.init<TUICallingApi>(options).then((api) => {
      const driver = new Driver({
        api,
        config: { sdkAppID: 1400000000, userID: 'bob', userSig: 'sig' },
        SDK: chatModule,
        TIM: chatModule,
        wx: hostWx,
        schedule: wxScheduler,
        now: () => Date.now(),
        seed: 42,
        setData: (patch: Partial<Rendered>, done?: () => void) => this.setData(patch, done),
      });
      this.driver = driver;
      driver.login().then((result) => console.log(result), (error: ImError) => {
        if (error.code === CODES.NETWORK_TIMEOUT) console.warn('login timed out');
      });
      driver.groupCall({ userIDList: ['carol', 'dave'], groupID: '@TGS#1', type: 1 });
      driver.calls({ userIDList: ['carol'], type: 2, chatGroupID: '@TGS#1' });
      driver.inviteUser({ userIDList: ['erin'] });
      driver.inviteUser(['frank']);
      driver.join({ roomID: 1234, type: 2 });
      driver.selectAudioPlaybackDevice('ear');
      driver.switchCallMediaType(1);
      driver.off('CALL_END').off();
      const view = driver.view();
      const pusher: PusherView | null = view.pusher;
      const rendered: Rendered = driver.rendered();
      if (rendered.pusher.url !== undefined) console.log(rendered.pusher.devicePosition, pusher);
    });
  },
});

// ---- the wasm API on its own ------------------------------------------------------------------

function engineLoop(api: TUICallingApi, appTim2: TimInstance): void {
  const engine = new api.Engine({ sdkAppID: 1400000000, userID: 'alice', userSig: 'sig' }, Date.now(), 7);
  engine.call({ userIDList: ['bob'], type: 2, offlinePushInfo: { description: 'call' } }, Date.now());
  const outputs: EngineOutput[] = engine.drain();
  for (const output of outputs) {
    if (output.kind === 'send') {
      const push = output.offlinePushInfo;
      if (push) console.log(push.extension);
      engine.sendResult(output.id, 0, '', Date.now());
    } else {
      switch (output.name) {
        case 'callEnded':
          console.log(output.reason, output.duration, output.userID);
          break;
        case 'invited':
          console.log(output.inviter, output.userIDList, output.type);
          break;
        case 'error':
        case 'ignored':
          console.log(output.code, output.message);
          break;
        default:
          console.log(output.name);
      }
    }
  }
  const next: number = engine.nextTimeout();
  if (next >= 0) engine.timeout(next);
  engine.free();

  const debug = api as TUICallingDebugApi;
  try {
    const signal: Signal = api.decodeSignal('{}');
    const text: string = debug.encodeSignal(signal);
    const push = debug.offlinePushInfo(signal, 1700000000, 'title', '', '');
    console.log(text, push && push.title, signal.kind, signal.roomID);
  } catch (caught) {
    const error = caught as SignalError;
    if (!error.foreign) console.warn(error.code);
  }
  try {
    console.log(debug.inspectUserSig('x', 1700000000).expiresAt, api.version());
  } catch (caught) {
    const error = caught as UserSigError;
    if (error.code === 'EXPIRED') console.warn('renew the UserSig');
  }
  console.log(debug.genUserSig(1400000000, 'key', 'alice', 86400, 1700000000));

  // The lower-level modules.
  const adapter = new ImAdapter({ tim: appTim2, userID: 'alice', onMessage: (m) => console.log(m.data, m.fetched) });
  adapter.attach();
  adapter.fetchRecent().then((count: number) => console.log(count, DEFAULTS.fetchWindowMs, errorCode({ code: '2801' })));
  const timer = new EngineTimer({ fire: (now) => engine.timeout(now), maxDelayMs: DEFAULT_MAX_DELAY_MS });
  timer.arm(engine.nextTimeout());
  const binder = new Binder({ wx, feed: (method, args) => console.log(method, args) });
  const patch = binder.sync(engine.view());
  console.log(patch && patch.playerList, render(null).soundMode, RENDER_KEYS.length);
  const emitter = new events.Emitter();
  emitter.emit('CALL_MODE', { type: 1 });
  const mapped = events.mapEngineEvent({ kind: 'event', name: 'connected' }, { selfID: 'alice' });
  mapped.forEach((item) => {
    if (item.name === 'ON_CALL_BEGIN') console.log(item.data.callRole);
  });
}

/** A listener typed for any event name, narrowing on `eventCode`. */
function logAll(driver: CallDriver, names: CallEventName[]): void {
  const listener = (event: CallEventObject): void => {
    if (event.eventCode === 'CALL_END') {
      const data: CallEndData = event.data;
      console.log(data.reason);
    }
  };
  names.forEach((name) => driver.on(name, listener));
}

// The driver barrel holds types only: there is no index.js to take a value from.
// @ts-expect-error CallDriver is exported as a type only
console.log(new NotAValue({} as never), appTim, engineLoop, logAll);

export {};
