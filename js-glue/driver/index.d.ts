// Type declarations for the driver modules (js-glue/driver/*.js): CallDriver, ImAdapter, Binder,
// EngineTimer, and the events in both vocabularies with their payloads.
//
// The driver files are CommonJS and there is no `index.js`: this file is a types-only barrel.
// Take the types with `import type`, and the values from the file that holds them, cast to that
// file's module interface:
//
//   import type { CallDriverModule, CallEndData } from './driver';
//   const { CallDriver, EVENT } = require('./driver/call-driver.js') as CallDriverModule;
//
// The classes are exported as types only (`export type`), so a value import from this barrel,
// which would be undefined at run time, does not compile.
//
// Nothing here needs miniprogram-api-typings: the WeChat objects the driver touches (`wx`, the
// component instance, the live-pusher/live-player contexts, the template events) are described
// by the members the driver really uses, and WeChat's own types are assignable to them.
// Checked by `tsc -p js-glue/typecheck` (tests/typings.test.js).

import type {
  ConversationType,
  EndReason,
  Engine,
  EngineErrorCode,
  EngineError,
  EngineEvent,
  EngineEventErrorCode,
  EngineView,
  MediaType,
  OfflinePushInfo,
  OfflinePushTexts,
  PlayerView,
  PusherView,
  RemoteUserState,
  Signal,
  TUICallingApi,
} from '../tuicalling';

export type {
  ConversationType,
  EndReason,
  Engine,
  EngineError,
  EngineErrorCode,
  EngineEvent,
  EngineView,
  MediaType,
  OfflinePushInfo,
  PlayerView,
  PusherView,
} from '../tuicalling';

// ---- host objects --------------------------------------------------------------------------

/** A timer host: `{setTimeout, clearTimeout}` (default: the global ones). Handles are opaque. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  /** Gets what `setTimeout` returned. */
  clearTimeout(handle: unknown): void;
}

/** The callbacks every WeChat context method takes (the driver passes `fail`, sometimes `complete`). */
export interface ContextCallOptions {
  success?(result: any): void;
  fail?(error: { errMsg?: string }): void;
  complete?(result?: any): void;
}

/**
 * The LivePusherContext methods the binder calls (a missing one is skipped).
 * `WechatMiniprogram.LivePusherContext` is assignable.
 */
export interface LivePusherContextLike {
  start?(options?: ContextCallOptions): void;
  stop?(options?: ContextCallOptions): void;
  switchCamera?(options?: ContextCallOptions): void;
  /** The binder passes `volume` 1 (mic on) or 0 (mic off); WeChat documents 0.0-1.0. */
  setMICVolume?(options: ContextCallOptions & { volume: number }): void;
}

/**
 * The LivePlayerContext methods the binder calls: `stop()` when a player goes away.
 * `WechatMiniprogram.LivePlayerContext` is assignable.
 */
export interface LivePlayerContextLike {
  stop?(options?: ContextCallOptions): void;
}

/** The component instance (`this`): `setData`, and the owner of the `<live-player>` elements. */
export interface ComponentLike {
  setData?(data: Record<string, any>, callback?: () => void): void;
}

/**
 * The parts of `wx` the driver uses (each optional: without them there are no contexts and no
 * `$TIM`). The real `wx` is assignable. `$TIM` is the app's own property: the driver only reads it.
 */
export interface WxLike {
  /** The app's TIM/chat instance, if the app publishes one. Read, never written. */
  $TIM?: TimInstance | null;
  /** Called as `createLivePusherContext(component)`; WeChat's takes no argument. */
  createLivePusherContext?(component?: any): LivePusherContextLike | null | undefined;
  createLivePlayerContext?(id: string, component?: any): LivePlayerContextLike | null | undefined;
}

// ---- the IM SDK (tim-wx-sdk 2.x / @tencentcloud/chat 3.x) ----------------------------------

/**
 * What the adapter passes to `createCustomMessage`. `conversationType` and `priority` are the
 * namespace's `TYPES` constants (strings); they are typed `string | number` only so that the
 * SDKs' own declarations (an enum with numeric members in @tencentcloud/chat) fit.
 */
export interface TimCustomMessageOptions {
  to: string;
  /** `TYPES.CONV_C2C` or `TYPES.CONV_GROUP`. */
  conversationType: string | number;
  /** Set on sends (`TYPES.MSG_PRIORITY_HIGH`); absent on the 2.x clock probe. */
  priority?: string | number;
  payload: { data: string; description: string; extension: string };
}

/**
 * The TIM/chat instance, as the adapter uses it. Every call goes through `attempt()`: a
 * synchronous throw, a rejected Promise (2024 before login) or a plain value are all handled,
 * so results are `unknown`. A `ChatSDK` from @tencentcloud/chat is assignable, and so is a
 * tim-wx-sdk instance.
 */
export interface TimInstance {
  on(eventName: string, handler: (event: any) => void, context?: any): unknown;
  /** A failing or missing `off` is tolerated (our handlers also check that they are current). */
  off?(eventName: string, handler: (event: any) => void, context?: any): unknown;
  createCustomMessage(options: TimCustomMessageOptions): unknown;
  /** Invitations are sent with `{offlinePushInfo}`. */
  sendMessage(message: any, options?: { offlinePushInfo: OfflinePushInfo }): unknown;
  /** Used by `driver.login()` only. */
  login?(options: { userID: string; userSig: string }): unknown;
  /** Called on release only for an instance the driver created. */
  logout?(): unknown;
  destroy?(): unknown;
  /** 3.x: the server clock in ms. 2.x has none. */
  getServerTime?(): unknown;
  /** 3.x: whether the instance is logged in. */
  isReady?(): unknown;
  /** The 2.x login probe and the after-login fetch. */
  getConversationList?(): unknown;
  getMessageList?(options: { conversationID: string; count: number }): unknown;
}

/** The IM events the adapter subscribes to, by constant name. */
export type TimEventKey = 'SDK_READY' | 'SDK_NOT_READY' | 'MESSAGE_RECEIVED' | 'KICKED_OUT' | 'NET_STATE_CHANGE';

/** The IM types the adapter uses, by constant name. */
export type TimTypeKey = 'MSG_CUSTOM' | 'MSG_PRIORITY_HIGH' | 'CONV_C2C' | 'CONV_GROUP';

/**
 * The SDK namespace (`TIM` / `TencentCloudChat`): its `EVENT` and `TYPES` constants. Missing
 * ones fall back to the SDKs' values (identical in 2.x and 3.x).
 */
export interface TimNamespace {
  EVENT?: Partial<Record<TimEventKey, string>>;
  TYPES?: Partial<Record<TimTypeKey, string>>;
}

/** The SDK module with `create` (for a driver that creates and logs in its own instance). */
export interface TimSdkModule extends TimNamespace {
  create(options: { SDKAppID: number }): TimInstance;
}

/** The `tim.login(...)` result the driver learns the 2.x server clock from (`data.timeStamp`, seconds). */
export interface TimLoginResult {
  code?: number;
  data?: { timeStamp?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** How an adapter failure is reported: the SDK's numeric `code` (-1 when there is none). */
export interface ImError {
  code: number;
  message: string;
}

// ---- ImAdapter -----------------------------------------------------------------------------

/** The adapter's tunable numbers (defaults in `DEFAULTS`); zero, negative or non-numbers mean the default. */
export interface ImAdapterTuning {
  /** Messages at most this old (server time) are fetched after SDK_READY (120000). */
  fetchWindowMs: number;
  /** Conversations looked at after SDK_READY (20). */
  fetchConversations: number;
  /** Messages per conversation (15). */
  fetchCount: number;
  /** A send with no answer after this long reports 2801 (30000). */
  sendTimeoutMs: number;
  /** A login with no answer after this long rejects 2801 (20000). */
  loginTimeoutMs: number;
  /** Message IDs remembered, to hand each message over once (512). */
  rememberedMessages: number;
}

/** One received custom element, as the adapter hands it over. */
export interface ImMessage {
  from: string;
  conversationType: ConversationType;
  /** The group of a group message, '' for C2C. */
  groupID: string;
  elemType: 'TIMCustomElem';
  /** The element's `payload.data`. */
  data: string;
  /** The message's server time (ms). */
  timeMs: number;
  /** The server clock now (ms). */
  serverNowMs: number;
  messageID: string;
  /** Fetched after login rather than pushed. */
  fetched: boolean;
}

/** A diagnostics level. */
export type LogLevel = 'info' | 'warn' | 'error';

/** `new ImAdapter(options)`. */
export interface ImAdapterOptions extends Partial<ImAdapterTuning> {
  tim?: TimInstance | null;
  TIM?: TimNamespace | null;
  /** The local user (for the 2.x clock probe). */
  userID?: string;
  /** True when the driver created `tim` (only then is it logged out on release). */
  owned?: boolean;
  now?(): number;
  schedule?: Scheduler;
  onMessage?(message: ImMessage): void;
  /** `code` 0 on success, else the SDK's code (2801 for our own send timeout). */
  onSendResult?(id: number, code: number, message: string): void;
  /** After a successful send: the engine output and the SDK's sent message (`result.data.message`). */
  onSent?(output: any, message: any): void;
  onReady?(): void;
  onNotReady?(): void;
  /** `type`: the SDK's kick-out type ('' when absent). */
  onKickedOut?(type: string): void;
  /** `state`: the SDK's net state ('' when absent). */
  onNetState?(state: string): void;
  onLog?(level: LogLevel, text: string): void;
}

/** What `ImAdapter.send` reads of an engine send output. */
export interface ImSend {
  id: number;
  to: string;
  conversationType: ConversationType;
  data: string;
  offlinePushInfo?: OfflinePushInfo | null;
}

/** The adapter between the engine and the app's TIM/chat instance. */
declare class ImAdapter {
  constructor(options?: ImAdapterOptions);
  tim: TimInstance | null;
  owned: boolean;
  userID: string;
  /** The SDK's event constants (the namespace's, else the defaults). */
  EVENT: Record<TimEventKey, string>;
  /** The SDK's type constants (the namespace's, else the defaults). */
  TYPES: Record<TimTypeKey, string>;
  options: ImAdapterTuning;
  /** SDK_READY seen (or the instance was found logged in) and no SDK_NOT_READY/KICKED_OUT since. */
  ready: boolean;
  /** The last NET_STATE_CHANGE state ('' before any). */
  netState: string;
  /** (Re-)subscribes to the five IM events, then probes whether the instance is logged in. */
  attach(): void;
  /** Removes our subscriptions (only ours). */
  detach(): void;
  /** Follows another instance (the app re-created its TIM). */
  setInstance(tim: TimInstance | null, TIM?: TimNamespace | null, owned?: boolean): void;
  /** A login result: learns the 2.x server clock from `data.timeStamp` and re-subscribes. */
  noteLogin(result?: TimLoginResult | null): void;
  /** The IM server's clock now (ms). */
  serverNow(): number;
  /** Sends one engine output; the outcome comes once through `onSendResult`. */
  send(output: ImSend): void;
  /** Logs in with our own timeout. Resolves the SDK's result; rejects `ImError` (2801 timeout). */
  login(userID: string, userSig: string): Promise<unknown>;
  /** Unsubscribes; logs out and destroys only an instance we created. Never rejects. */
  release(): Promise<void>;
  /** Fetches recent messages that could still be live; resolves to how many were handed over. */
  fetchRecent(): Promise<number>;
}

/** Error codes the adapter reports itself. */
export interface ImAdapterCodes {
  /** The SDK's USER_NOT_LOGGED_IN. */
  readonly NOT_LOGGED_IN: 2024;
  /** The SDK's NETWORK_TIMEOUT; also our own login/send timeouts. */
  readonly NETWORK_TIMEOUT: 2801;
  /** A failure without an SDK code (a synchronous `Error('Params validate failed.')`). */
  readonly NO_CODE: -1;
}

/** `require('./driver/im-adapter.js')`. */
export interface ImAdapterModule {
  ImAdapter: typeof ImAdapter;
  /** Runs `fn`: a synchronous throw becomes a rejection, a returned Promise is followed. */
  attempt<T>(fn: () => T | PromiseLike<T>): Promise<T>;
  /** The numeric SDK code of any failure value (-1 when it has none). */
  errorCode(error: unknown): number;
  /** `{code, message}` for any failure value. */
  normalizeError(error: unknown): ImError;
  CODES: ImAdapterCodes;
  DEFAULTS: ImAdapterTuning;
}

// ---- EngineTimer ---------------------------------------------------------------------------

/** `new EngineTimer(options)`. */
export interface EngineTimerOptions {
  /** Called once the armed deadline has passed, with the real time. Required. */
  fire(now: number): void;
  now?(): number;
  schedule?: Scheduler;
  /** The longest single wait (default 5000 ms). */
  maxDelayMs?: number;
}

/** The driver's single, suspend-tolerant timer. */
declare class EngineTimer {
  /** Throws TypeError without `fire`. */
  constructor(options: EngineTimerOptions);
  /** The armed deadline (ms), or -1. */
  deadline(): number;
  /** Arms for `deadline` (ms, as `engine.nextTimeout()` returns it); negative disarms. */
  arm(deadline: number): void;
  cancel(): void;
  /** Checks the real clock now (call from onShow): fires if the deadline passed. */
  wake(): void;
}

/** `require('./driver/timer.js')`. */
export interface TimerModule {
  EngineTimer: typeof EngineTimer;
  DEFAULT_MAX_DELAY_MS: number;
}

// ---- Binder --------------------------------------------------------------------------------

/**
 * The pusher as rendered: the engine's pusher (with `devicePosition` kept as it was when the push
 * started; flips go through `switchCamera()`), or `{}` when there is none.
 */
export type RenderedPusher = PusherView | NoPusher;

/** The rendered pusher when there is none: `{}`. */
export type NoPusher = { [K in keyof PusherView]?: undefined };

/** One rendered `<live-player>`. */
export interface RenderedPlayer extends PlayerView {
  /** Same as `id`. */
  streamID: string;
  soundMode: SoundMode;
}

/** Speaker or earpiece. */
export type SoundMode = 'speaker' | 'ear';

/** What the page gets through setData (`driver.rendered()`, `render(view)`). */
export interface Rendered {
  status: 'idle' | 'calling' | 'connected';
  role: 'caller' | 'callee' | '';
  type: MediaType | 0;
  isGroup: boolean;
  groupID: string;
  inviter: string;
  roomID: number;
  pusher: RenderedPusher;
  playerList: RenderedPlayer[];
  remoteUsers: Array<{ userID: string; state: RemoteUserState }>;
  soundMode: SoundMode;
  /** When the call connected (ms), 0 before. */
  startedAt: number;
}

/** The top-level keys of `Rendered`, in order. */
export type RenderKey = keyof Rendered;

/** A template element as events carry it (`currentTarget` / `target`). */
export interface EventTargetLike {
  id?: string;
  dataset?: { streamid?: unknown; [key: string]: unknown };
}

/**
 * A mini-program event (`WechatMiniprogram.CustomEvent` is assignable), or its `detail` passed
 * directly. Numeric fields may also be numeric strings.
 */
export type BinderEvent<Detail> =
  | { detail?: Detail; currentTarget?: EventTargetLike; target?: EventTargetLike }
  | Detail;

/** `<live-pusher bindstatechange>` / `<live-player bindstatechange>` detail. */
export interface StateChangeDetail {
  code?: number | string;
  /** The pusher's `message`: a string (JSON text for room codes); other values are stringified. */
  message?: unknown;
}

/** `<live-pusher binderror>` detail (`code`/`message` are read when `errCode`/`errMsg` are absent). */
export interface PusherErrorDetail {
  errCode?: number | string;
  errMsg?: unknown;
  code?: number | string;
  message?: unknown;
}

/** `bindnetstatus` detail: `netQualityLevel` in `info` (or at the top). */
export interface NetStatusDetail {
  info?: { netQualityLevel?: number | string; [key: string]: unknown };
  netQualityLevel?: number | string;
}

/** `bindaudiovolumenotify` detail. */
export interface AudioVolumeDetail {
  volume?: number | string;
}

/** A player event's detail may name its player when the element does not. */
export interface PlayerIdDetail {
  playerID?: string;
}

/**
 * The seven template handlers (`driver.handlers`). Players are told apart by `data-streamid`,
 * else the element id, else `detail.playerID`.
 */
export interface BinderHandlers {
  pusherStateChange(event: BinderEvent<StateChangeDetail>): void;
  pusherNetStatus(event: BinderEvent<NetStatusDetail>): void;
  pusherAudioVolumeNotify(event: BinderEvent<AudioVolumeDetail>): void;
  pusherError(event: BinderEvent<PusherErrorDetail>): void;
  playerStateChange(event: BinderEvent<StateChangeDetail & PlayerIdDetail>): void;
  playerNetStatus(event: BinderEvent<NetStatusDetail & PlayerIdDetail>): void;
  playerAudioVolumeNotify(event: BinderEvent<AudioVolumeDetail & PlayerIdDetail>): void;
}

/** The engine inputs the binder feeds: `pusherState(code, message)`, `pusherError(code, message)`, `playerState(id, code)`, `playerNetStatus(id, quality)`. */
export type BinderInputMethod = 'pusherState' | 'pusherError' | 'playerState' | 'playerNetStatus';

/** `new Binder(options)`. */
export interface BinderOptions {
  wx?: WxLike | null;
  /** For player contexts and (unless `setData` is given) setData. */
  component?: ComponentLike | null;
  /** Applies a patch (default `component.setData`, else only calls back). */
  setData?: ((patch: Partial<Rendered>, callback?: () => void) => void) | null;
  /** Runs an engine input (the driver appends `now` and drains). */
  feed?(method: BinderInputMethod, args: Array<string | number>): void;
  /** The local user (for local volume and network reports). */
  userID?: string;
  /** 'volume' (0-100) and 'network' (netQualityLevel 1 best … 6 down) reports. */
  onStats?(kind: 'volume' | 'network', userID: string, value: number): void;
  /** Used for the pusher stop() timeout. */
  schedule?: Pick<Scheduler, 'setTimeout'> | null;
  /** A pusher stop() whose completion never comes counts as done after this long (3000). */
  stopTimeoutMs?: number;
  onLog?(level: LogLevel, text: string): void;
}

/** The engine view → setData objects; template events → engine; context calls. */
declare class Binder {
  constructor(options?: BinderOptions);
  readonly handlers: BinderHandlers;
  /** What the page has been given. */
  rendered(): Rendered;
  /** Brings the page and contexts in line with `view`; returns the patch applied now, or null. */
  sync(view: EngineView | null): Partial<Rendered> | null;
  /** Stops the pusher and every player and forgets the contexts. */
  destroy(): void;
}

/** `require('./driver/binder.js')`. */
export interface BinderModule {
  Binder: typeof Binder;
  /** The setData-ready object for an engine view (pure). */
  render(view: EngineView | null | undefined): Rendered;
  RENDER_KEYS: RenderKey[];
  /** The user of a player id `<userID>_<main|aux>`. */
  userOfPlayer(id: string): string;
  /** A statechange `message` as the engine wants it (JSON text for non-strings, '' for none). */
  messageText(value: unknown): string;
}

// ---- events --------------------------------------------------------------------------------

/** TUICallKit's `callRole`: 1 caller, 2 callee (0 unknown). */
export type CallRole = 0 | 1 | 2;

/** `INVITED.inviteData` / `ON_CALL_RECEIVED.inviteData`. */
export interface InviteData {
  /** Always 4. */
  version: number;
  callType: MediaType;
  /** 0 when unknown. */
  roomID: number;
  /** Always 0. */
  callEnd: number;
}

/** INVITED: an invitation rings. */
export interface InvitedData {
  sponsor: string;
  /** The invitees of the invitation (ourselves when it does not say). */
  inviteeList: string[];
  isFromGroup: boolean;
  inviteID: string;
  inviteData: InviteData;
  /** '' for a 1v1 call. */
  groupID: string;
  /** Everyone in the call besides us, the inviter first. */
  userIDList: string[];
}

/** USER_ACCEPT: an invitee accepted. */
export interface UserAcceptData {
  userID: string;
}

/** USER_ENTER / USER_LEAVE: a user entered or left; `playerList` as rendered after it. */
export interface UserEnterLeaveData {
  userID: string;
  playerList: RenderedPlayer[];
}

/** USER_UPDATE's pusher: the rendered pusher with our volume and network level once reported. */
export type UserUpdatePusher = RenderedPusher & { volume?: number; netQualityLevel?: number };

/** USER_UPDATE's players: rendered players with volume and network level once reported. */
export interface UserUpdatePlayer extends RenderedPlayer {
  volume?: number;
  netStatus?: { netQualityLevel: number };
}

/** USER_UPDATE: the pusher or the players changed (or a network level did). */
export interface UserUpdateData {
  pusher: UserUpdatePusher;
  playerList: UserUpdatePlayer[];
}

/** REJECT / LINE_BUSY: an invitee declined or was in another call. */
export interface RejectData {
  inviteID: string;
  invitee: string;
  userID: string;
  reason: 'reject' | 'line busy';
}

/** REJECT's payload. */
export interface UserRejectData extends RejectData {
  reason: 'reject';
}

/** LINE_BUSY's payload. */
export interface LineBusyData extends RejectData {
  reason: 'line busy';
}

/**
 * NO_RESP (our own guard fired: `offline` true) / CALLING_TIMEOUT (the callee's timeout notice,
 * or our own ring timed out: `offline` false).
 */
export interface TimeoutData {
  groupID: string;
  inviteID: string;
  sponsor: string;
  timeoutUserList: string[];
  userID: string;
  offline: boolean;
}

/** CALLING_CANCEL: the caller canceled the ringing call. */
export interface CallingCancelData {
  inviteID: string;
  /** Ourselves. */
  invitee: string;
  userID: string;
}

/** The call fields of CALL_END and ON_CALL_NOT_CONNECTED. */
export interface CallSummary {
  /** 0 when unknown. */
  roomID: number;
  /** 0 when unknown. */
  callMediaType: MediaType | 0;
  callRole: CallRole;
}

/** CALL_END: the call ended, and why. */
export interface CallEndData extends CallSummary {
  /** The remote user whose action ended it ('' when none). */
  userID: string;
  /** Talk time, seconds. */
  callEnd: number;
  /** Same as `callEnd`. */
  totalTime: number;
  reason: EndReason;
}

/** CALL_MODE: the call switched media. */
export interface CallModeData {
  type: MediaType;
}

/** SDK_READY: the IM instance is ready. */
export interface SdkReadyData {
  message: string;
}

/** KICKED_OUT: the IM user was logged in elsewhere. */
export interface KickedOutData {
  message: string;
  /** The SDK's kick-out type ('' when absent). */
  type: string;
}

/**
 * ERROR's `code`: an engine error event's code, a refused input's `EngineError` code, or
 * INPUT_FAILED (an input from the SDK or the platform failed without a code). A failure that
 * carried some other `code` passes it through, hence the open end.
 */
export type ErrorEventCode = EngineEventErrorCode | EngineErrorCode | 'INPUT_FAILED' | (string & {});

/** ERROR: something failed without ending the call, or an input from outside failed. */
export interface ErrorData {
  code: ErrorEventCode;
  message: string;
}

/** ON_CALL_RECEIVED (TUICallKit): an invitation rings. */
export interface CallReceivedData {
  sponsor: string;
  /** The invitees (as INVITED's `inviteeList`). */
  userIDList: string[];
  isFromGroup: boolean;
  inviteData: InviteData;
  inviteID: string;
  /** Same as `inviteID`. */
  callId: string;
  /** Always ''. */
  userData: string;
  roomID: number;
  callMediaType: MediaType;
  /** Always 2 (callee). */
  callRole: 2;
  groupID: string;
  /** Everyone in the call besides us, the inviter first (INVITED's `userIDList`). */
  participants: string[];
}

/** ON_CALL_BEGIN (TUICallKit): we are connected. */
export type CallBeginData = CallSummary;

/** ON_CALL_NOT_CONNECTED (TUICallKit): a call ended before connecting (on every side). */
export interface CallNotConnectedData extends CallSummary {
  reason: EndReason;
  userID: string;
}

/** ON_CALL_CANCELED (TUICallKit): the caller canceled the ringing call. */
export interface CallCanceledData {
  userID: string;
  inviteID: string;
}

/** USER_VIDEO_AVAILABLE (TUICallKit). */
export interface UserVideoAvailableData {
  userID: string;
  userId: string;
  isVideoAvailable: boolean;
}

/** USER_AUDIO_AVAILABLE (TUICallKit). */
export interface UserAudioAvailableData {
  userID: string;
  userId: string;
  isAudioAvailable: boolean;
}

/** USER_VOICE_VOLUME (TUICallKit): one user's volume report (0-100). */
export interface UserVoiceVolumeData {
  userID: string;
  volume: number;
  volumeMap: Array<{ userId: string; userID: string; audioVolume: number }>;
}

/** USER_NETWORK_QUALITY_CHANGED (TUICallKit): `netQualityLevel`, 1 best … 6 down. */
export interface UserNetworkQualityData {
  userID: string;
  quality: number;
  networkQualityList: Array<{ userId: string; userID: string; quality: number }>;
}

/** The original TUICalling's events and their payloads. */
export interface TUICallingEventMap {
  INVITED: InvitedData;
  USER_ACCEPT: UserAcceptData;
  USER_ENTER: UserEnterLeaveData;
  USER_LEAVE: UserEnterLeaveData;
  USER_UPDATE: UserUpdateData;
  REJECT: UserRejectData;
  NO_RESP: TimeoutData;
  LINE_BUSY: LineBusyData;
  CALLING_CANCEL: CallingCancelData;
  CALLING_TIMEOUT: TimeoutData;
  CALL_END: CallEndData;
  CALL_MODE: CallModeData;
  SDK_READY: SdkReadyData;
  KICKED_OUT: KickedOutData;
  ERROR: ErrorData;
}

/** TUICallKit's events and their payloads. */
export interface TUICallKitEventMap {
  ON_CALL_RECEIVED: CallReceivedData;
  ON_CALL_BEGIN: CallBeginData;
  ON_CALL_NOT_CONNECTED: CallNotConnectedData;
  ON_CALL_CANCELED: CallCanceledData;
  USER_VIDEO_AVAILABLE: UserVideoAvailableData;
  USER_AUDIO_AVAILABLE: UserAudioAvailableData;
  USER_VOICE_VOLUME: UserVoiceVolumeData;
  USER_NETWORK_QUALITY_CHANGED: UserNetworkQualityData;
}

/** Every event of both vocabularies. */
export interface CallEventMap extends TUICallingEventMap, TUICallKitEventMap {}

/** The original's event names. */
export type TUICallingEventName = keyof TUICallingEventMap;

/** TUICallKit's event names. */
export type TUICallKitEventName = keyof TUICallKitEventMap;

/** Every event name. */
export type CallEventName = keyof CallEventMap;

/** What a listener gets: `{eventCode, data}` (the original's format). */
export type CallEventObject<K extends CallEventName = CallEventName> = {
  [N in K]: { eventCode: N; data: CallEventMap[N] };
}[K];

/** A listener; `this` is the `context` given to `on`. */
export type CallEventListener<K extends CallEventName = CallEventName, This = void> = (
  this: This,
  event: CallEventObject<K>,
) => void;

/** `{name, data}` as the mapping functions return them. */
export type NamedEvent<K extends CallEventName = CallEventName> = {
  [N in K]: { name: N; data: CallEventMap[N] };
}[K];

/** `EVENT`: each name maps to itself (frozen). */
export type EventNames = { readonly [K in CallEventName]: K };

/** The event emitter (`driver.events`). A listener that throws does not stop the others. */
declare class Emitter {
  constructor(onListenerError?: ((error: unknown, name: string) => void) | null);
  /** Throws TypeError when `listener` is not a function. */
  on<K extends CallEventName>(name: K, listener: CallEventListener<K>): this;
  on<K extends CallEventName, This>(name: K, listener: CallEventListener<K, This>, context: This): this;
  /** Removes `listener` of `name`; without `listener`, every listener of `name`; without `name`, all. */
  off<K extends CallEventName>(name?: K, listener?: CallEventListener<K, any>): this;
  emit<K extends CallEventName>(name: K, data: CallEventMap[K]): void;
}

/** `mapEngineEvent`'s description of the call around an engine event. */
export interface MapEventContext {
  selfID: string;
  before?: EngineView | null;
  after?: EngineView | null;
  playerList?: RenderedPlayer[];
  pusher?: RenderedPusher;
  /** The decoded invitation, for `invited`. */
  invite?: Signal | null;
  /** The invitation a user belongs to ('' when unknown). */
  inviteID?(userID: string): string;
}

/** `require('./driver/events.js')`. */
export interface EventsModule {
  EVENT: EventNames;
  Emitter: typeof Emitter;
  /** One drained engine event → the page's events, in order (`ignored` → none). */
  mapEngineEvent(event: EngineEvent, ctx: MapEventContext): NamedEvent[];
  /** USER_VIDEO_AVAILABLE / USER_AUDIO_AVAILABLE for what changed between two player lists. */
  availabilityEvents(
    previousPlayers: ReadonlyArray<Pick<RenderedPlayer, 'userID' | 'muteVideo' | 'muteAudio'>> | null | undefined,
    nextPlayers: ReadonlyArray<Pick<RenderedPlayer, 'userID' | 'muteVideo' | 'muteAudio'>> | null | undefined,
  ): Array<NamedEvent<'USER_VIDEO_AVAILABLE' | 'USER_AUDIO_AVAILABLE'>>;
  volumeEvent(userID: string, volume: number): NamedEvent<'USER_VOICE_VOLUME'>;
  networkEvent(userID: string, quality: number): NamedEvent<'USER_NETWORK_QUALITY_CHANGED'>;
  /** 'caller' → 1, 'callee' → 2, else 0. */
  callRole(role: unknown): CallRole;
}

// ---- CallDriver ----------------------------------------------------------------------------

/** `options.config`. */
export interface CallDriverConfig {
  sdkAppID: number;
  userID: string;
  userSig: string;
  /** The default media (1 audio, 2 video). */
  type?: MediaType;
  /** The invitation timeout, seconds. */
  timeout?: number;
  privateMapKey?: string;
  /** The leave grace, ms (see EngineConfig.leaveGraceMs); 10000 by default. */
  leaveGraceMs?: number;
  /** The app's TIM/chat instance (used when `options.tim` is not given). */
  tim?: TimInstance | null;
}

/** The parts of the wasm API the driver uses (`init()`'s result is assignable). */
export interface CallDriverApi {
  Engine: TUICallingApi['Engine'];
  /** Used to fill in invite ids of events; without it they are ''. */
  decodeSignal?: TUICallingApi['decodeSignal'];
}

/** `new CallDriver(options)`. */
export interface CallDriverOptions {
  /** The loaded wasm API (`init()`'s result). Required. */
  api: CallDriverApi;
  config: CallDriverConfig;
  /** The app's TIM/chat instance; else `config.tim`, else `wx.$TIM` (followed if the app swaps it). */
  tim?: TimInstance | null;
  /** The SDK namespace (`EVENT`, `TYPES`). */
  TIM?: TimNamespace | null;
  /** Without any instance: the SDK module; the driver creates its own and `login()` logs it in. */
  SDK?: TimSdkModule | null;
  /** `wx`: contexts and `$TIM`. */
  wx?: WxLike | null;
  /** The component instance (`this`): setData and player contexts. */
  component?: ComponentLike | null;
  /** Overrides `component.setData`. */
  setData?: ((patch: Partial<Rendered>, callback?: () => void) => void) | null;
  /** The clock (ms). */
  now?(): number;
  schedule?: Scheduler;
  /** Engine randomness (room and invite ids). */
  seed?: number;
  /** ImAdapter tuning. */
  adapter?: Partial<ImAdapterTuning>;
  /** The timer's longest single wait (ms). */
  maxTimerDelayMs?: number;
  /** Diagnostics (also gets the engine's `ignored` events as 'info'). */
  onLog?(level: LogLevel, text: string): void;
}

/** `call()`: a 1v1 call. */
export interface CallParams {
  userID: string;
  type?: MediaType;
  roomID?: number;
  /** Seconds. */
  timeout?: number;
  offlinePushInfo?: OfflinePushTexts;
}

/** `groupCall()`. */
export interface GroupCallParams {
  userIDList: string[];
  type?: MediaType;
  groupID?: string;
  roomID?: number;
  timeout?: number;
  offlinePushInfo?: OfflinePushTexts;
}

/** TUICallKit's `calls()`: `chatGroupID` (or `groupID`) makes it a group call. */
export interface CallsParams {
  userIDList: string[];
  type?: MediaType;
  chatGroupID?: string;
  groupID?: string;
  roomID?: number;
  timeout?: number;
  offlinePushInfo?: OfflinePushTexts;
}

/** `join()`: a group call in progress. */
export interface JoinParams {
  roomID: number;
  groupID?: string;
  type: MediaType;
}

/** Thrown by every command after `destroy()`. */
export interface DestroyedError extends Error {
  name: 'EngineError';
  code: 'DESTROYED';
}

/** What a refused command throws. */
export type CommandError = EngineError | DestroyedError;

/**
 * One call engine per component instance. Commands run at once and throw `CommandError` when
 * refused (BUSY, NO_CALL, NOT_ALLOWED, INVALID_ARGUMENT; DESTROYED after `destroy()`).
 */
declare class CallDriver {
  /** Throws TypeError without `api.Engine`, and the engine's `EngineError` for a bad config. */
  constructor(options: CallDriverOptions);
  readonly api: CallDriverApi;
  readonly wx: WxLike | null;
  readonly userID: string;
  readonly engine: Engine;
  readonly events: Emitter;
  readonly adapter: ImAdapter;
  readonly timer: EngineTimer;
  readonly binder: Binder;
  /** The handlers for the template's `<live-pusher>` / `<live-player>` bindings. */
  readonly handlers: BinderHandlers;

  call(params: CallParams): void;
  groupCall(params: GroupCallParams): void;
  calls(params: CallsParams): void;
  accept(): void;
  reject(): void;
  /** Cancels (dialing), rejects (ringing) or hangs up (connected). */
  hangup(): void;
  inviteUser(users: string[] | { userIDList: string[] }): void;
  join(params: JoinParams): void;
  switchCallMediaType(type: MediaType): void;
  switchToAudio(): void;
  switchToVideo(): void;
  setMicrophone(on: boolean): void;
  openMicrophone(): void;
  closeMicrophone(): void;
  setCamera(on: boolean): void;
  openCamera(): void;
  closeCamera(): void;
  /** Front (true) or back camera. */
  setFrontCamera(front: boolean): void;
  switchCamera(): void;
  /** Speaker (true) or earpiece. */
  setSpeaker(on: boolean): void;
  /** Anything but 'ear' selects the speaker. */
  selectAudioPlaybackDevice(device: 'speaker' | 'ear'): void;

  /** Listens to an event of either vocabulary. */
  on<K extends CallEventName>(name: K, listener: CallEventListener<K>): this;
  on<K extends CallEventName, This>(name: K, listener: CallEventListener<K, This>, context: This): this;
  /** `off(name)` removes every listener of `name`; `off()` removes all. */
  off<K extends CallEventName>(name?: K, listener?: CallEventListener<K, any>): this;
  /** The engine's view. */
  view(): EngineView;
  /** What the page has been given (setData-ready). */
  rendered(): Rendered;
  /** Call from onShow: a deadline that passed while suspended is handled now. */
  wake(): void;
  /** The app logged its instance in: pass `tim.login(...)`'s result. Re-subscribes and fetches. */
  noteLogin(result?: TimLoginResult | null): void;
  /** Logs in the driver's own instance (from `SDK`). Resolves the SDK's result; rejects `ImError`. */
  login(): Promise<unknown>;
  /** Ends any call, unsubscribes, stops the contexts, frees the engine. Resolves when the IM side is released. */
  destroy(): Promise<void>;
}

/** `require('./driver/call-driver.js')`. */
export interface CallDriverModule {
  CallDriver: typeof CallDriver;
  EVENT: EventNames;
}

export type { CallDriver, Emitter, ImAdapter, Binder, EngineTimer };
