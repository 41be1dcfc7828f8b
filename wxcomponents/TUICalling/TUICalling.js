// The tuicalling component: the seed's API (init, call, groupCall, destroyed), the original's
// (accept, reject, hangup, camera/mic/sound/switch) and TUICallKit's (calls, inviteUser, join,
// setSelfInfo, setCallingBell, enableMuteMode, on/off), on one CallDriver per instance.
// Shipped to WeChat: CommonJS, ES2016 (no async/await, ?., ??, spread), no globals written.
'use strict';

var wasmModule = require('./wasm/tuicalling.js');
var driverModule = require('./driver/call-driver.js');
var ui = require('./ui.js');

var CallDriver = driverModule.CallDriver;
var EVENT = driverModule.EVENT;
var DEFAULT_DIR = '/wxcomponents/TUICalling';
var CALL_END_TOAST_MS = 800;
var TOAST_MS = 2000;
/** TRTC's pusher code for a suspended mini-program. */
var SUSPENDED_CODE = 5000;
/** How long init() waits for the IM SDK to become ready (SDK_READY) after its login. */
var READY_TIMEOUT_MS = 20000;

function noop() {}

/**
 * The component folder's package path, from the component's path (`this.is`, e.g.
 * 'wxcomponents/TUICalling/TUICalling'); the default when `is` is not a path (simulators).
 * The wasm (`/wasm/tuicalling_bg.wasm.br`) and the assets (`/static/`) are found from it.
 */
function componentDirFor(is) {
  var text = typeof is === 'string' ? is.replace(/^\/+/, '') : '';
  var cut = text.lastIndexOf('/');
  if (cut <= 0 || !/TUICalling$/i.test(text)) return DEFAULT_DIR;
  return '/' + text.slice(0, cut);
}

function wxObject() {
  return typeof wx !== 'undefined' ? wx : null;
}

function errorText(error) {
  if (!error) return 'unknown error';
  if (error.message) return (error.code !== undefined ? error.code + ': ' : '') + error.message;
  return String(error);
}

/** A refused command as a rejected promise (for the page's `.catch`). */
function attempt(fn) {
  try {
    fn();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

function firstOf(list) {
  return Array.isArray(list) && list.length ? list[0] : '';
}

Component({
  options: { addGlobalClass: false },
  properties: {
    config: {
      type: Object,
      value: { sdkAppID: 0, userID: '', userSig: '', type: 1 },
    },
  },
  data: {
    // Written by the driver (binder.render): status, role, type, isGroup, groupID, inviter,
    // roomID, pusher, playerList, remoteUsers, soundMode, startedAt.
    status: 'idle',
    role: '',
    type: 0,
    isGroup: false,
    inviter: '',
    pusher: {},
    playerList: [],
    remoteUsers: [],
    soundMode: 'speaker',
    startedAt: 0,
    // Ours.
    text: ui.strings(''),
    screen: 'idle', // idle | dialing | incoming | connected
    layout: 'audio', // audio | single (1v1 video) | grid (group video)
    bigView: 'player', // 1v1 video: which view is full screen ('player' or 'pusher')
    peers: [], // [{userID, nick, avatar, state}] (remote users, for lists and avatar grids)
    caller: { userID: '', nick: '', avatar: '' },
    me: { userID: '', nick: '', avatar: '' },
    assets: DEFAULT_DIR + '/static', // icons, the default avatar and the ringtone
    micOn: true,
    cameraOn: true,
    frontCamera: true,
    chatTime: '00:00:00',
    // 1v1: the peer left the room and the call waits its leave grace for a return (the clock
    // stops; the time line says so).
    away: false,
  },
  observers: {
    'status, role, type, isGroup, inviter, pusher, playerList, remoteUsers': function () {
      this._derive();
    },
  },
  lifetimes: {
    attached: function () {
      this._driver = null;
      this._initPromise = null;
      this._listeners = [];
      this._profiles = {};
      this._netMemory = {};
      this._clock = null;
      this._bell = null;
      this._bellPath = '';
      this._muteMode = false;
      this._brokenAvatars = {};
      this._lastStatus = 'idle';
      this._lastError = null;
      this.setData({ text: ui.strings(this._locale()), assets: componentDirFor(this.is) + '/static' });
    },
    detached: function () {
      this._teardown();
    },
  },
  // While the page is hidden (the app in the background, or another page on top) the players
  // cannot report and the mini-program may be suspended: the engine is told so with TRTC's own
  // "suspended" code (5000; iOS sends it too), which pauses its empty-room and silence guards.
  // On show, an informational pusher code (0) tells it the page runs again: the guards restart
  // from now, then a deadline that passed meanwhile is handled.
  pageLifetimes: {
    hide: function () {
      if (this._driver) this._driver.handlers.pusherStateChange({ detail: { code: SUSPENDED_CODE, message: 'page hidden' } });
    },
    show: function () {
      if (!this._driver) return;
      this._driver.handlers.pusherStateChange({ detail: { code: 0, message: 'page shown' } });
      this._driver.wake();
    },
  },
  methods: {
    // ---- the seed's API ------------------------------------------------------------------

    /**
     * Loads the wasm, creates the call driver on `config.tim || wx.$TIM` and logs that
     * instance in with `config.userID/userSig` unless it is ready already. Resolves when
     * calls can be made: the IM SDK is ready (SDK_READY; a login alone is not enough, the SDK
     * refuses messages until then). Rejects with an Error saying what failed; one with `code`
     * 'IM_NOT_READY' when the SDK is not ready within 20 s. `options` (optional, for tests
     * and special hosts): `{wx, now, schedule, seed, TIM, instantiate, readyTimeoutMs}`.
     */
    init: function (options) {
      if (this._initPromise) return this._initPromise;
      var self = this;
      var opts = options || {};
      var config = this.data.config || {};
      var host = opts.wx || wxObject();
      var tim = config.tim || (host && host.$TIM) || null;
      if (!config.sdkAppID || !config.userID || !config.userSig) {
        return Promise.reject(new Error('TUICalling init: config needs sdkAppID, userID and userSig'));
      }
      if (!tim) {
        return Promise.reject(new Error('TUICalling init: no TIM instance: pass config.tim or set wx.$TIM'));
      }
      this._now = opts.now || function () { return Date.now(); };
      this._schedule = opts.schedule || {
        setTimeout: function (fn, ms) { return setTimeout(fn, ms); },
        clearTimeout: function (id) { clearTimeout(id); },
      };
      this._wx = host;
      this.setData({ text: ui.strings(this._locale()), me: { userID: config.userID, nick: config.nick || '', avatar: config.avatar || '' } });
      var loadOptions = { wasmPath: componentDirFor(this.is) + '/wasm/tuicalling_bg.wasm.br' };
      if (opts.instantiate) loadOptions.instantiate = opts.instantiate;
      this._initPromise = wasmModule.init(loadOptions).then(function (api) {
        return self._createDriver(api, config, tim, opts);
      }, function (error) {
        throw new Error('TUICalling init: could not load the call engine (' + errorText(error) + ')');
      }).then(function (driver) {
        if (driver.adapter.ready) return undefined;
        return driver.login().then(function (result) {
          driver.noteLogin(result);
        }, function (error) {
          // 2025: a login is already pending (the app's own); SDK_READY follows it.
          if (error && error.code === 2025) return undefined;
          throw new Error('TUICalling init: IM login failed (' + errorText(error) + ')');
        }).then(function () {
          return self._whenReady(driver, opts.readyTimeoutMs > 0 ? opts.readyTimeoutMs : READY_TIMEOUT_MS);
        });
      }).catch(function (error) {
        self._initPromise = null;
        if (self._driver) {
          self._driver.destroy();
          self._driver = null;
        }
        throw error;
      });
      return this._initPromise;
    },

    /** 1v1 call: `{userID, type}` (1 audio, 2 video). */
    call: function (params) {
      var self = this;
      var p = params || {};
      return this._command(function () {
        self._driver.call({ userID: p.userID, type: p.type || self.data.config.type, timeout: p.timeout, offlinePushInfo: p.offlinePushInfo });
      });
    },

    /** Group call: `{userIDList, type, groupID?}` (without groupID: one C2C invite each). */
    groupCall: function (params) {
      var self = this;
      var p = Object.assign({}, params || {});
      if (!p.type) p.type = this.data.config.type;
      return this._command(function () { self._driver.groupCall(p); });
    },

    /** Ends any call, unsubscribes and frees the engine (the app's IM instance stays logged in). */
    destroyed: function () {
      return this._teardown();
    },

    // ---- the original's and TUICallKit's commands ------------------------------------------

    accept: function () { return this._simple('accept'); },
    reject: function () { return this._simple('reject'); },
    hangup: function () { return this._simple('hangup'); },
    switchCamera: function () {
      var self = this;
      return this._command(function () {
        self._driver.switchCamera();
        self.setData({ frontCamera: !self.data.frontCamera });
      });
    },
    openCamera: function () { return this._simple('openCamera'); },
    closeCamera: function () { return this._simple('closeCamera'); },
    openMicrophone: function () { return this._simple('openMicrophone'); },
    closeMicrophone: function () { return this._simple('closeMicrophone'); },
    /** 'speaker' or 'ear'. */
    setSoundMode: function (mode) {
      var self = this;
      return this._command(function () { self._driver.selectAudioPlaybackDevice(mode === 'ear' ? 'ear' : 'speaker'); });
    },
    switchToAudio: function () { return this._simple('switchToAudio'); },
    /** TUICallKit: `{userIDList, type, chatGroupID?, roomID?, timeout?, userData?, offlinePushInfo?}`. */
    calls: function (params) {
      var self = this;
      return this._command(function () { self._driver.calls(params || {}); });
    },
    inviteUser: function (params) {
      var self = this;
      return this._command(function () { self._driver.inviteUser(params); });
    },
    join: function (params) {
      var self = this;
      return this._command(function () { self._driver.join(params || {}); });
    },
    /** Own nick and avatar (shown in the avatar grid; pushed to the IM profile when possible). */
    setSelfInfo: function (nick, avatar) {
      var me = { userID: this.data.me.userID, nick: nick || '', avatar: avatar || '' };
      this.setData({ me: me });
      var tim = this._driver && this._driver.adapter.tim;
      if (tim && typeof tim.updateMyProfile === 'function') {
        try {
          return Promise.resolve(tim.updateMyProfile({ nick: me.nick, avatar: me.avatar })).then(noop);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return Promise.resolve();
    },
    /** The incoming ringtone (a package path or URL; '' = ours); rung with wx.createInnerAudioContext. */
    setCallingBell: function (path) {
      this._bellPath = typeof path === 'string' ? path : '';
      return Promise.resolve();
    },
    /** Mute mode: incoming calls do not ring (the caller's ringback still plays). */
    enableMuteMode: function (enable) {
      this._muteMode = !!enable;
      if (this._muteMode) this._stopBell();
      return Promise.resolve();
    },
    /** Listeners get `{eventCode, data}`; names are the driver's EVENT values. */
    on: function (name, fn, context) {
      this._listeners.push({ name: name, fn: fn, context: context });
      if (this._driver) this._driver.on(name, fn, context);
    },
    off: function (name, fn) {
      this._listeners = this._listeners.filter(function (l) {
        return !((name === undefined || l.name === name) && (!fn || l.fn === fn));
      });
      if (this._driver) this._driver.off(name, fn);
    },

    // ---- template handlers ------------------------------------------------------------------

    onAccept: function () { this._tap('accept'); },
    onReject: function () { this._tap('reject'); },
    onHangup: function () { this._tap('hangup'); },
    onToggleMic: function () { this._tap(this.data.micOn ? 'closeMicrophone' : 'openMicrophone'); },
    onToggleCamera: function () { this._tap(this.data.cameraOn ? 'closeCamera' : 'openCamera'); },
    onToggleSound: function () { this._tap('setSoundMode', this.data.soundMode === 'speaker' ? 'ear' : 'speaker'); },
    onSwitchCamera: function () { this._tap('switchCamera'); },
    onSwitchToAudio: function () { this._tap('switchToAudio'); },
    /** 1v1 video: tapping the small view makes it the big one. */
    onSwapView: function (e) {
      if (this.data.layout !== 'single') return;
      var tapped = e && e.currentTarget && e.currentTarget.dataset ? e.currentTarget.dataset.view : '';
      if (tapped && tapped === this.data.bigView) return;
      this.setData({ bigView: this.data.bigView === 'player' ? 'pusher' : 'player' });
    },
    /** An avatar image failed to load: show the default avatar for that url from now on. */
    onAvatarError: function (e) {
      var url = e && e.currentTarget && e.currentTarget.dataset && e.currentTarget.dataset.src;
      if (!url || this._brokenAvatars[url]) return;
      this._brokenAvatars[url] = true;
      var me = this.data.me;
      if (me.avatar === url) this.setData({ me: { userID: me.userID, nick: me.nick, avatar: this._avatar(url) } });
      this._derive();
    },
    pusherStateChange: function (e) { if (this._driver) this._driver.handlers.pusherStateChange(e); },
    pusherNetStatus: function (e) { if (this._driver) this._driver.handlers.pusherNetStatus(e); },
    pusherAudioVolumeNotify: function (e) { if (this._driver) this._driver.handlers.pusherAudioVolumeNotify(e); },
    pusherError: function (e) { if (this._driver) this._driver.handlers.pusherError(e); },
    playerStateChange: function (e) { if (this._driver) this._driver.handlers.playerStateChange(e); },
    playerNetStatus: function (e) { if (this._driver) this._driver.handlers.playerNetStatus(e); },
    playerAudioVolumeNotify: function (e) { if (this._driver) this._driver.handlers.playerAudioVolumeNotify(e); },

    // ---- internals --------------------------------------------------------------------------

    _locale: function () {
      var config = this.data.config || {};
      return config.locale || '';
    },

    _createDriver: function (api, config, tim, opts) {
      var self = this;
      var driver = new CallDriver({
        api: api,
        config: { sdkAppID: config.sdkAppID, userID: config.userID, userSig: config.userSig, type: config.type, timeout: config.timeout, leaveGraceMs: config.leaveGraceMs },
        tim: tim,
        TIM: opts.TIM || null,
        wx: this._wx,
        component: this,
        now: this._now,
        schedule: this._schedule,
        seed: opts.seed,
        adapter: { onSent: function (output, message) { self._onSent(output, message); } },
      });
      this._driver = driver;
      Object.keys(EVENT).forEach(function (name) {
        driver.on(name, function (event) { self._onDriverEvent(name, event.data); });
      });
      this._listeners.forEach(function (l) { driver.on(l.name, l.fn, l.context); });
      return driver;
    },

    /** Resolves once the driver's IM instance is ready; rejects IM_NOT_READY after `ms`. */
    _whenReady: function (driver, ms) {
      var schedule = this._schedule;
      return new Promise(function (resolve, reject) {
        if (driver.adapter.ready) {
          resolve();
          return;
        }
        var timer = null;
        var onReady = function () {
          schedule.clearTimeout(timer);
          driver.off(EVENT.SDK_READY, onReady);
          resolve();
        };
        timer = schedule.setTimeout(function () {
          driver.off(EVENT.SDK_READY, onReady);
          var error = new Error('TUICalling init: the IM SDK did not become ready within ' + ms / 1000 + ' s (SDK_READY never came)');
          error.code = 'IM_NOT_READY';
          reject(error);
        }, ms);
        driver.on(EVENT.SDK_READY, onReady);
      });
    },

    _command: function (fn) {
      if (!this._driver) return Promise.reject(new Error('TUICalling: call init() first'));
      return attempt(fn);
    },

    _simple: function (method) {
      var driver = this._driver;
      return this._command(function () { driver[method](); });
    },

    /** A button: a refused command is only logged (the UI may lag the engine by a tap). */
    _tap: function (method, arg) {
      this[method](arg).catch(function (error) {
        if (typeof console !== 'undefined') console.warn('TUICalling ' + method + ': ' + errorText(error));
      });
    },

    _nick: function (userID) {
      var p = this._profiles[userID];
      return (p && p.nick) || userID || '';
    },

    _toast: function (title, duration) {
      var host = this._wx;
      if (!title || !host || typeof host.showToast !== 'function') return;
      host.showToast({ title: title, icon: 'none', duration: duration || TOAST_MS });
    },

    _onSent: function (output, message) {
      // As the original: the call's own C2C signaling messages go to the page for a chat UI.
      if (output && output.conversationType !== 'GROUP' && !this.data.isGroup) {
        this.triggerEvent('sendMessage', { message: message });
      }
    },

    _onDriverEvent: function (name, data) {
      var d = data || {};
      var locale = this._locale();
      switch (name) {
        case EVENT.REJECT:
          this._toast(ui.toastText('rejected', this._nick(d.invitee || d.userID), locale));
          break;
        case EVENT.LINE_BUSY:
          this._toast(ui.toastText('busy', this._nick(d.invitee || d.userID), locale));
          break;
        case EVENT.NO_RESP:
          this._toast(ui.toastText('offline', this._nick(firstOf(d.timeoutUserList) || d.userID), locale));
          break;
        case EVENT.CALLING_TIMEOUT:
          // The callee's own ring timed out: a missed call from the inviter, not "I did not answer".
          if ((firstOf(d.timeoutUserList) || d.userID) === this.data.config.userID && d.sponsor) {
            this._toast(ui.toastText('missed', this._nick(d.sponsor), locale));
          } else {
            this._toast(ui.toastText('timeout', this._nick(firstOf(d.timeoutUserList) || d.userID), locale));
          }
          break;
        case EVENT.CALLING_CANCEL:
          this._toast(ui.toastText('canceled', this._nick(d.userID || d.invitee), locale));
          break;
        case EVENT.ERROR:
          this._lastError = d;
          break;
        case EVENT.CALL_END:
          // A call that ends in an error says why (the engine reports the error just before).
          if (d.reason === 'error' && this._lastError) {
            this._toast(ui.toastText('failed', String(this._lastError.message || this._lastError.code).replace(/:\s*$/, ''), locale));
          }
          else if (d.reason === 'hangup' || d.reason === 'error') this._toast(ui.toastText('ended', '', locale), CALL_END_TOAST_MS);
          this._lastError = null;
          break;
        case EVENT.KICKED_OUT:
          this._toast(ui.toastText('kickedOut', '', locale));
          break;
        case EVENT.USER_NETWORK_QUALITY_CHANGED:
          this._toast(ui.networkHint(this._netMemory, { userID: d.userID, quality: d.quality, nick: this._nick(d.userID) },
            this.data.config.userID, this._now(), locale));
          break;
        default:
          break;
      }
      this.triggerEvent(ui.pageEventName(name), d);
    },

    /** Screen, layout, peers and toggles from the driver's rendered data. */
    _derive: function () {
      if (!this._profiles) return;
      var d = this.data;
      var self = this;
      var screen = 'idle';
      if (d.status === 'calling') screen = d.role === 'callee' ? 'incoming' : 'dialing';
      else if (d.status === 'connected') screen = 'connected';
      var players = d.playerList || [];
      var layout = 'audio';
      if (d.type === 2) layout = (d.isGroup || players.length > 1) ? 'grid' : 'single';
      var peers = (d.remoteUsers || []).map(function (u) {
        var p = self._profiles[u.userID] || {};
        return { userID: u.userID, nick: p.nick || u.userID, avatar: self._avatar(p.avatar), state: u.state };
      });
      var inviter = d.inviter || '';
      var pusher = d.pusher || {};
      var patch = {
        away: screen === 'connected' && !d.isGroup && peers.length === 1 && peers[0].state === 'left',
        screen: screen,
        layout: layout,
        peers: peers,
        caller: { userID: inviter, nick: this._nick(inviter), avatar: this._avatar((this._profiles[inviter] || {}).avatar) },
        micOn: pusher.url ? !pusher.muted : this.data.micOn,
        cameraOn: pusher.url ? !!pusher.enableCamera : d.type === 2,
      };
      if (screen === 'idle') {
        patch.bigView = 'player';
        patch.chatTime = '00:00:00';
        patch.micOn = true;
        patch.frontCamera = true;
      }
      var changed = {};
      var any = false;
      Object.keys(patch).forEach(function (key) {
        if (JSON.stringify(patch[key]) !== JSON.stringify(d[key])) {
          changed[key] = patch[key];
          any = true;
        }
      });
      if (any) this.setData(changed);
      if (screen !== this._lastStatus) this._onScreen(screen);
      this._loadProfiles(peers.map(function (p) { return p.userID; }).concat(inviter ? [inviter] : []));
    },

    /** An avatar url as shown: '' (the initials) when unset, the default avatar when broken. */
    _avatar: function (url) {
      if (!url) return '';
      return this._brokenAvatars[url] ? this.data.assets + '/avatar.svg' : url;
    },

    _onScreen: function (screen) {
      this._lastStatus = screen;
      if (screen === 'connected') this._startClock();
      else this._stopClock();
      this._stopBell();
      if (screen === 'incoming' || screen === 'dialing') this._startBell(screen);
      if (screen === 'idle') this._netMemory = {};
    },

    _startClock: function () {
      var self = this;
      if (this._clock !== null) return;
      var tick = function () {
        self._clock = self._schedule.setTimeout(tick, 1000);
        var started = self.data.startedAt;
        if (!started || self.data.away) return;
        var text = ui.formatDuration((self._now() - started) / 1000);
        if (text !== self.data.chatTime) self.setData({ chatTime: text });
      };
      tick();
    },

    _stopClock: function () {
      if (this._clock !== null) this._schedule.clearTimeout(this._clock);
      this._clock = null;
    },

    /**
     * Rings while dialing (the ringback, our ring.wav) and while incoming (setCallingBell's
     * path, else ring.wav; silent in mute mode), looping until the screen changes.
     */
    _startBell: function (screen) {
      var host = this._wx;
      var incoming = screen === 'incoming';
      if (this._bell || (incoming && this._muteMode) || !host || typeof host.createInnerAudioContext !== 'function') return;
      try {
        this._bell = host.createInnerAudioContext();
        this._bell.src = (incoming && this._bellPath) || this.data.assets + '/ring.wav';
        this._bell.loop = true;
        this._bell.play();
      } catch (error) {
        this._bell = null;
      }
    },

    _stopBell: function () {
      if (!this._bell) return;
      try {
        this._bell.stop();
        this._bell.destroy();
      } catch (error) {
        // already gone
      }
      this._bell = null;
    },

    /** Nicks and avatars from the IM profile (when the instance offers getUserProfile). */
    _loadProfiles: function (userIDs) {
      var self = this;
      var tim = this._driver && this._driver.adapter.tim;
      var missing = userIDs.filter(function (id) { return id && !self._profiles[id]; });
      if (!missing.length || !tim || typeof tim.getUserProfile !== 'function') return;
      missing.forEach(function (id) { self._profiles[id] = { nick: '', avatar: '' }; });
      var result;
      try {
        result = tim.getUserProfile({ userIDList: missing });
      } catch (error) {
        return;
      }
      Promise.resolve(result).then(function (res) {
        var list = (res && res.data) || [];
        var any = false;
        list.forEach(function (p) {
          if (p && p.userID && (p.nick || p.avatar)) {
            self._profiles[p.userID] = { nick: p.nick || '', avatar: p.avatar || '' };
            any = true;
          }
        });
        if (any && self._driver) self._derive();
      }, noop);
    },

    _teardown: function () {
      this._stopClock();
      this._stopBell();
      var driver = this._driver;
      this._driver = null;
      this._initPromise = null;
      if (!driver) return Promise.resolve();
      return Promise.resolve(driver.destroy()).then(noop);
    },
  },
});
