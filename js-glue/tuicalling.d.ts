// Type declarations for the generated wasm glue module (`tuicalling.js`: the wasm-bindgen output
// turned into CommonJS by js-glue/build/make-glue.js, with js-glue/loader.js appended).
//
// The module exports `init`, `isReady` and `wasmPath`; everything else (the `Engine` class, the
// signal decoder, `version`; the debug build adds the developer tools and signing) is reached
// through the API object `init()` resolves to. `Engine` is therefore declared here as an instance interface plus a constructor
// interface, not as an exported class: the glue module has no `Engine` export.
//
// Every number crossing the boundary is a plain JS number (no BigInt); times are integers of ms
// unless a comment says seconds. Checked by `tsc -p js-glue/typecheck` (tests/typings.test.js).

// ---- errors --------------------------------------------------------------------------------

/** `EngineError.code`: why the engine refused a command or a config (core `EngineError::code`). */
export type EngineErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'BUSY'
  | 'NO_CALL'
  | 'NOT_ALLOWED';

/**
 * Thrown by `new Engine(…)` and the Engine's input methods. `tsignalingCode` is the TSignaling
 * code with the same meaning: 6017 (INVALID_ARGUMENT), 8010 (NO_CALL), 8011 (NOT_ALLOWED), else 0.
 */
export interface EngineError extends Error {
  name: 'EngineError';
  code: EngineErrorCode;
  tsignalingCode: 0 | 6017 | 8010 | 8011;
}

/** Traffic that is simply not ours (`SignalError.foreign` is true): ignore it quietly. */
export type ForeignSignalErrorCode =
  | 'NOT_JSON'
  | 'TEXT_ELEMENT'
  | 'OTHER_ELEMENT'
  | 'NOT_SIGNALING'
  | 'OUTER_AV_CALL'
  | 'FOREIGN_BUSINESS';

/** A signal that is ours but malformed or out of bounds (`SignalError.foreign` is false). */
export type BrokenSignalErrorCode =
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'TOO_MANY_USERS'
  | 'BAD_USER_ID'
  | 'ROOM_ID_OUT_OF_RANGE'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_INVITE';

/**
 * `SignalError.code`: the core's `SignalError::code`, plus `INVALID_ARGUMENT` for a JS argument
 * that does not convert (wrong types, unknown fields, NaN, cycles).
 */
export type SignalErrorCode = ForeignSignalErrorCode | BrokenSignalErrorCode | 'INVALID_ARGUMENT';

/** Thrown by `decodeSignal`, `decodeElement` and the debug build's `encodeSignal` and `offlinePushInfo`. */
export type SignalError = ForeignSignalError | BrokenSignalError;

/** A `SignalError` for traffic that is not ours. */
export interface ForeignSignalError extends Error {
  name: 'SignalError';
  code: ForeignSignalErrorCode;
  foreign: true;
}

/** A `SignalError` for a broken signal or a JS argument that does not convert. */
export interface BrokenSignalError extends Error {
  name: 'SignalError';
  code: BrokenSignalErrorCode | 'INVALID_ARGUMENT';
  foreign: false;
}

/** `UserSigError.code` (core `UserSigError::code`). */
export type UserSigErrorCode =
  | 'INVALID_ARGUMENT'
  | 'EMPTY'
  | 'TOO_LONG'
  | 'BAD_BASE64'
  | 'BAD_ZLIB'
  | 'INFLATED_TOO_LARGE'
  | 'BAD_JSON'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'SDKAPPID_MISMATCH'
  | 'IDENTIFIER_MISMATCH'
  | 'EXPIRED'
  | 'USERBUF_MISMATCH'
  | 'SIGNATURE_MISMATCH';

/** Thrown by the debug build's `inspectUserSig` and signing functions. */
export interface UserSigError extends Error {
  name: 'UserSigError';
  code: UserSigErrorCode;
}

/** `TUICallingLoadError.code`: why `init()` could not load the wasm module. */
export type TUICallingLoadErrorCode =
  | 'BASE_LIBRARY_TOO_OLD'
  | 'NO_WXWEBASSEMBLY'
  | 'BAD_INSTANCE'
  | 'INSTANTIATE_FAILED';

/** The rejection of `init()`. `cause` is the underlying failure for INSTANTIATE_FAILED. */
export interface TUICallingLoadError extends Error {
  name: 'TUICallingLoadError';
  code: TUICallingLoadErrorCode;
  cause?: unknown;
}

// ---- shared value types --------------------------------------------------------------------

/** 1 audio, 2 video. */
export type MediaType = 1 | 2;

/** An IM conversation type as the engine names it. */
export type ConversationType = 'C2C' | 'GROUP';

/** The TIM `sendMessage` option `offlinePushInfo` the engine builds for invitations. */
export interface OfflinePushInfo {
  title: string;
  description: string;
  androidOPPOChannelID: string;
  /** The `{"entity":{…}}` JSON native TUICallKit clients parse to ring. */
  extension: string;
}

/** The push texts a call request may carry (all optional; no other keys are accepted). */
export interface OfflinePushTexts {
  title?: string;
  description?: string;
  androidOPPOChannelID?: string;
}

// ---- signals (decodeSignal / encodeSignal) -------------------------------------------------

/** A signal's action. */
export type SignalAction = 'invite' | 'cancel' | 'accept' | 'reject' | 'timeout';

/** What an invitation means. */
export type InviteKind = 'call' | 'hangup' | 'switch';

/** A decoded signal: the core's flat, JSON-compatible `NormalizedSignal`. */
export interface Signal {
  action: SignalAction;
  /** For invitations only (absent otherwise). */
  kind?: InviteKind;
  inviteID: string;
  inviter: string;
  invitees: string[];
  /** '' for C2C. */
  groupID: string;
  /** Seconds. */
  timeout: number;
  callType: MediaType | null;
  /** A numeric room, or a string room. */
  roomID: number | string | null;
  /** `call_end` seconds. */
  callEnd: number | null;
  /** A line-busy reject. */
  busy: boolean;
  switchTo: 'audio' | 'video' | null;
  cmd: string | null;
  userIDs: string[] | null;
  platform: string | null;
  version: number | null;
  dataInviter: string | null;
  consumed: boolean;
  excludeFromHistoryMessage: boolean;
  /** Ours, on call invites and accepts: the sender tells its peer when it hangs up a 1v1 call. */
  sendsHangupNotice: boolean;
  inCallUserIDs: string[] | null;
}

/**
 * What `encodeSignal` and `offlinePushInfo` accept: a `Signal` (as `decodeSignal` returns it),
 * or one written by hand. Unknown keys are refused; `kind` is ignored.
 */
export interface SignalInput {
  action: SignalAction;
  kind?: string | null;
  inviteID: string;
  inviter: string;
  invitees?: string[];
  groupID?: string;
  timeout?: number;
  callType?: MediaType | null;
  roomID?: number | string | null;
  callEnd?: number | null;
  busy?: boolean;
  switchTo?: 'audio' | 'video' | null;
  cmd?: string | null;
  userIDs?: string[] | null;
  platform?: string | null;
  version?: number | null;
  dataInviter?: string | null;
  consumed?: boolean;
  excludeFromHistoryMessage?: boolean;
  sendsHangupNotice?: boolean;
  inCallUserIDs?: string[] | null;
}

// ---- UserSig -------------------------------------------------------------------------------

/** The room grant inside a PrivateMapKey. */
export interface PrivateMapKeyInfo {
  account: string;
  sdkAppID: number;
  /** A numeric room (absent for a string room). */
  roomID?: number;
  /** A string room (absent for a numeric room). */
  strRoomID?: string;
  /** Unix seconds. */
  expiresAt: number;
  privileges: number;
}

/** `inspectUserSig`'s result. Times are unix seconds. The signature is not checked. */
export interface UserSigInfo {
  identifier: string;
  sdkAppID: number;
  issuedAt: number;
  expire: number;
  expiresAt: number;
  expired: boolean;
  /** base64, or null when there is none. */
  userbuf: string | null;
  privateMapKey: PrivateMapKeyInfo | null;
}

// ---- the engine ----------------------------------------------------------------------------

/** `new Engine(config, now, seed)`'s config. Unknown keys are refused (INVALID_ARGUMENT). */
export interface EngineConfig {
  sdkAppID: number;
  userID: string;
  userSig: string;
  /** The default media of calls (1 audio, 2 video). */
  type?: MediaType | null;
  /** The invitation timeout, seconds. */
  timeout?: number | null;
  privateMapKey?: string | null;
  /**
   * How long a connected call waits for the last remote user to re-enter the TRTC room after
   * they left it (an iOS app back from the background), ms, 0..=60000; 10000 by default.
   */
  leaveGraceMs?: number | null;
}

/** `engine.call(request, now)`. Unknown keys are refused (INVALID_ARGUMENT). */
export interface EngineCallRequest {
  userIDList: string[];
  type?: MediaType | null;
  /** The IM group of a group call ('' counts as none). */
  groupID?: string | null;
  roomID?: number | null;
  /** Seconds. */
  timeout?: number | null;
  offlinePushInfo?: OfflinePushTexts | null;
}

/** `engine.join(request, now)`. Unknown keys are refused (INVALID_ARGUMENT). */
export interface EngineJoinRequest {
  roomID: number;
  groupID?: string | null;
  type: MediaType;
}

/** Why a call ended (`callEnded.reason`, the driver's CALL_END `reason`). */
export type EndReason =
  | 'hangup'
  | 'reject'
  | 'no_response'
  | 'offline'
  | 'line_busy'
  | 'canceled'
  | 'kicked_out'
  | 'error';

/** The `code` of an engine `error` event (something failed without a refused command). */
export type EngineEventErrorCode =
  | 'SEND_FAILED'
  | 'EMPTY_ROOM'
  | 'ENCODE_FAILED'
  | 'ENTER_ROOM_FAILED'
  | 'TRTC_ERROR';

/** The `code` of an engine `ignored` event (a received message that was dropped; diagnostics). */
export type IgnoredReason =
  | 'ACCEPT_FROM_STRANGER'
  | 'CANCEL_NOT_FOR_US'
  | 'CONSUMED_INVITE'
  | 'DUPLICATE_INVITE'
  | 'DUPLICATE_SWITCH'
  | 'FORGED_INVITER'
  | 'FORGED_SENDER'
  | 'HANGUP_FROM_NON_PARTICIPANT'
  | 'MALFORMED_SIGNAL'
  | 'NO_ROOM'
  | 'STALE_HANGUP'
  | 'STALE_INVITE'
  | 'STRAY_ACCEPT'
  | 'SWITCH_FROM_NON_PARTICIPANT'
  | 'TIMEOUT_WHILE_PRESENT'
  | 'UNKNOWN_INVITE'
  | 'WITHDRAWN_WHILE_PRESENT';

/** A drained output: send this IM custom message, then report `sendResult(id, …)`. */
export interface SendOutput {
  kind: 'send';
  /** Pass back to `sendResult`. */
  id: number;
  /** A userID (C2C) or groupID (GROUP). */
  to: string;
  conversationType: ConversationType;
  /** The custom element's `payload.data`. */
  data: string;
  /** Set for invitations, null otherwise. */
  offlinePushInfo: OfflinePushInfo | null;
}

interface EventBase<N extends string> {
  kind: 'event';
  name: N;
}

/** An invitation rings. `userIDList`: everyone in the call besides us, the inviter first. */
export interface InvitedOutput extends EventBase<'invited'> {
  inviter: string;
  type: MediaType;
  userIDList: string[];
  /** '' for a 1v1 call. */
  groupID: string;
}

/** An event about one remote user. */
export interface UserOutput<N extends string> extends EventBase<N> {
  userID: string;
}

/** An invitee did not answer; `offline` when our own guard fired rather than their notice. */
export interface UserNoResponseOutput extends UserOutput<'userNoResponse'> {
  offline: boolean;
}

/** The local user is connected (entering the TRTC room). */
export type ConnectedOutput = EventBase<'connected'>;

/** The call switched media. */
export interface MediaChangedOutput extends EventBase<'mediaChanged'> {
  type: MediaType;
}

/** The call ended. `userID` is the remote user whose action ended it, when there is one. */
export interface CallEndedOutput extends EventBase<'callEnded'> {
  reason: EndReason;
  /** Talk time, seconds (0 if nobody talked). */
  duration: number;
  userID?: string;
}

/** Something failed without a refused command. */
export interface ErrorOutput extends EventBase<'error'> {
  code: EngineEventErrorCode;
  message: string;
}

/** A received message was ignored (diagnostics, not an error). */
export interface IgnoredOutput extends EventBase<'ignored'> {
  code: IgnoredReason;
  message: string;
}

/** A drained engine event. */
export type EngineEvent =
  | InvitedOutput
  | UserOutput<'userAccepted'>
  | UserOutput<'userRejected'>
  | UserOutput<'userBusy'>
  | UserNoResponseOutput
  | UserOutput<'userEntered'>
  | UserOutput<'userLeft'>
  | ConnectedOutput
  | MediaChangedOutput
  | CallEndedOutput
  | ErrorOutput
  | IgnoredOutput;

/** One element of `engine.drain()`. */
export type EngineOutput = SendOutput | EngineEvent;

/** A remote user's state in the call. */
export type RemoteUserState =
  | 'invited'
  | 'ringing'
  | 'accepted'
  | 'in_room'
  | 'left'
  | 'rejected'
  | 'busy'
  | 'no_response';

/** A remote user of the view. */
export interface RemoteUserView {
  userID: string;
  state: RemoteUserState;
}

/** One `<live-player>`: per userID and stream type. */
export interface PlayerView {
  /** `"<userID>_<main|aux>"`: the player's `id` and `data-streamid`. */
  id: string;
  userID: string;
  streamType: 'main' | 'aux';
  /** The play url ('' until the pusher reported one). */
  src: string;
  muteVideo: boolean;
  muteAudio: boolean;
  /** 'fillCrop' for main, 'contain' for aux. */
  objectFit: 'fillCrop' | 'contain';
}

/** The `<live-pusher>` attributes (camelCase). Defaults in comments. */
export interface PusherView {
  /** The `room://` push url. */
  url: string;
  /** "RTC". */
  mode: string;
  autopush: boolean;
  enableCamera: boolean;
  enableMic: boolean;
  /** `!enableMic`. */
  muted: boolean;
  enableAgc: boolean;
  enableAns: boolean;
  minBitrate: number;
  maxBitrate: number;
  videoWidth: number;
  videoHeight: number;
  beauty: number;
  whiteness: number;
  /** "vertical". */
  orientation: string;
  /** "9:16". */
  aspect: string;
  devicePosition: 'front' | 'back';
  remoteMirror: boolean;
  /** "auto". */
  localMirror: string;
  /** "high". */
  audioQuality: string;
  /** "voicecall". */
  audioVolumeType: string;
  /** "smooth". */
  beautyStyle: string;
  filter: string;
  backgroundMute: boolean;
}

/** The call state, `engine.view()`. Fields of no call are null. */
export interface EngineView {
  status: 'idle' | 'calling' | 'connected';
  role: 'caller' | 'callee' | null;
  type: MediaType | null;
  isGroup: boolean;
  groupID: string;
  inviter: string;
  roomID: number | null;
  remoteUsers: RemoteUserView[];
  players: PlayerView[];
  pusher: PusherView | null;
  /** When the call connected (ms). */
  startedAt: number | null;
  /** Speaker (true) or earpiece. */
  speaker: boolean;
}

/**
 * The call engine of one component instance. Every input takes `now` (a non-negative integer of
 * ms; anything else throws INVALID_ARGUMENT) and throws `EngineError` when refused; outputs are
 * collected with `drain()`.
 */
export interface Engine {
  /** Starts a 1v1 or group call. */
  call(request: EngineCallRequest, now: number): void;
  /** Accepts the ringing call. */
  accept(now: number): void;
  /** Rejects the ringing call. */
  reject(now: number): void;
  /** Cancels, rejects or hangs up, depending on the state. */
  hangup(now: number): void;
  /** Invites more users into the current call. */
  inviteUser(userIDs: string[], now: number): void;
  /** Joins a group call in progress. */
  join(request: EngineJoinRequest, now: number): void;
  /** Switches the 1v1 call to `type`. */
  switchMedia(type: MediaType, now: number): void;
  setMicrophone(on: boolean, now: number): void;
  setCamera(on: boolean, now: number): void;
  /** Front (true) or back camera. */
  setFrontCamera(front: boolean, now: number): void;
  /** Speaker (true) or earpiece. */
  setSpeaker(on: boolean, now: number): void;
  /**
   * A received IM message element. `groupID` is the group of group messages; `timeMs` and
   * `serverNowMs` are the message's server time and the server clock now (ms).
   */
  receive(
    from: string,
    conversationType: ConversationType,
    groupID: string,
    elementType: string,
    data: string,
    timeMs: number,
    serverNowMs: number,
    now: number,
  ): void;
  /** The outcome of sending output `id`: `code` 0 for success, else the SDK's code. */
  sendResult(id: number, code: number, message: string, now: number): void;
  /** `<live-pusher bindstatechange>` `{code, message}` (message: the JSON text for room codes). */
  pusherState(code: number, message: string, now: number): void;
  /** `<live-pusher binderror>` `{errCode, errMsg}`. */
  pusherError(code: number, message: string, now: number): void;
  /** `<live-player bindstatechange>` of player `playerID`. */
  playerState(playerID: string, code: number, now: number): void;
  /** `<live-player bindnetstatus>` of player `playerID` (quality 0 when not reported). */
  playerNetStatus(playerID: string, quality: number, now: number): void;
  /** IM KICKED_OUT. */
  kickedOut(now: number): void;
  /** Handles every deadline due at `now`. */
  timeout(now: number): void;
  /** The outputs since the last drain, in order. */
  drain(): EngineOutput[];
  /** When to call `timeout` next (ms), or -1 when nothing is due. */
  nextTimeout(): number;
  /** Why the next timeout is due ('' when none), for debugging. */
  nextTimeoutReason(): string;
  /** The call state as a plain object. */
  view(): EngineView;
  /** Frees the wasm memory; the engine cannot be used afterwards. */
  free(): void;
}

/** `api.Engine`. Throws `EngineError` (INVALID_CONFIG, INVALID_ARGUMENT). */
export interface EngineConstructor {
  /** `seed`: randomness for room and invite ids (its integer part is used). */
  new (config: EngineConfig, now: number, seed: number): Engine;
  readonly prototype: Engine;
}

// ---- the API object and the module ---------------------------------------------------------

/** What `init()` resolves to (frozen). */
export interface TUICallingApi {
  readonly Engine: EngineConstructor;
  /** Decodes a custom message's `payload.data`. Throws `SignalError`. */
  decodeSignal(text: string): Signal;
  /** Decodes a TIM element by its `type` ("TIMCustomElem" → its `payload.data`). Throws `SignalError`. */
  decodeElement(elementType: string, text: string): Signal;
  /** The package version of this build, e.g. "0.1.0". */
  version(): string;
}

/**
 * The debug build's API (examples/debug, built with `debug-usersig`): the developer tools
 * (`encodeSignal`, `offlinePushInfo`, `inspectUserSig`; left out of the production component
 * for size, see README "Size") and UserSig signing, which is never in the production component.
 * Times are unix seconds; the signing functions throw `UserSigError`.
 */
export interface TUICallingDebugApi extends TUICallingApi {
  /** Encodes a signal into the `payload.data` string. Throws `SignalError`. */
  encodeSignal(signal: SignalInput): string;
  /**
   * The `offlinePushInfo` for an invitation sent at `sendTime` (unix seconds), or null for other
   * actions. An empty `description` becomes the default push text. Throws `SignalError`.
   */
  offlinePushInfo(
    signal: SignalInput,
    sendTime: number,
    title: string,
    description: string,
    androidOPPOChannelID: string,
  ): OfflinePushInfo | null;
  /**
   * Decodes a UserSig or PrivateMapKey (no key needed; the signature is not checked) and tells
   * whether it is expired at `now` (unix seconds). Throws `UserSigError`.
   */
  inspectUserSig(userSig: string, now: number): UserSigInfo;
  genUserSig(sdkAppID: number, secretKey: string, userID: string, expire: number, now: number): string;
  genPrivateMapKey(
    sdkAppID: number,
    secretKey: string,
    userID: string,
    expire: number,
    now: number,
    roomID: number | string,
    privileges: number,
  ): string;
  verifyUserSig(sdkAppID: number, secretKey: string, userID: string, userSig: string, now: number): UserSigInfo;
}

/** A wasm instance as `instantiate` may resolve it. */
export interface WasmInstanceLike {
  exports: object;
}

/** `instantiate`'s result: an Instance, or `{instance, module}` (WXWebAssembly has returned both). */
export type WasmInstantiateResult = WasmInstanceLike | { instance: WasmInstanceLike; module?: unknown };

/** `init()` options. */
export interface InitOptions {
  /** The package path of the `.wasm.br` (default: the path the bundle was built for). */
  wasmPath?: string;
  /**
   * Replaces `WXWebAssembly.instantiate(path, imports)` (node tools and tests). `imports` is
   * the wasm-bindgen import object; a throw or rejection is retried once, then `init()`
   * rejects INSTANTIATE_FAILED (BAD_INSTANCE when the result holds no instance).
   */
  instantiate?(path: string, imports: any): WasmInstantiateResult | PromiseLike<WasmInstantiateResult>;
}

/**
 * Loads the wasm module once and resolves to the API object; every call returns the same
 * promise (after a failure the next call tries again). Rejects `TUICallingLoadError`.
 * The type parameter only narrows the result (`init<TUICallingDebugApi>()` for the debug build).
 */
export declare function init<Api extends TUICallingApi = TUICallingApi>(options?: InitOptions): Promise<Api>;

/** Whether `init()` has completed, so the API can be used. */
export declare function isReady(): boolean;

/** The package path of the `.wasm.br` the bundle was built for. */
export declare const wasmPath: string;
