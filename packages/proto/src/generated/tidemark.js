/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean, $isFinite = $util.global.isFinite, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tidemark = $root.tidemark = (() => {

    /**
     * Namespace tidemark.
     * @exports tidemark
     * @namespace
     */
    const tidemark = {};

    tidemark.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof tidemark
         * @namespace
         */
        const v1 = {};

        v1.Event = (function() {

            /**
             * Properties of an Event.
             * @typedef {Object} tidemark.v1.Event.$Properties
             * @property {string|null} [id] Event id
             * @property {string|null} [tenant] Event tenant
             * @property {string|null} [name] Event name
             * @property {number|Long|null} [timestamp] Event timestamp
             * @property {number|Long|null} [sentAt] Event sentAt
             * @property {number|Long|null} [receivedAt] Event receivedAt
             * @property {string|null} [userId] Event userId
             * @property {string|null} [anonymousId] Event anonymousId
             * @property {string|null} [sessionId] Event sessionId
             * @property {Object.<string,tidemark.v1.Value.$Properties>|null} [properties] Event properties
             * @property {tidemark.v1.Context.$Properties|null} [context] Event context
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Event.
             * @memberof tidemark.v1
             * @interface IEvent
             * @augments tidemark.v1.Event.$Properties
             * @deprecated Use tidemark.v1.Event.$Properties instead.
             */

            /**
             * Shape of an Event.
             * @typedef {{
             *   id?: string|null;
             *   tenant?: string|null;
             *   name?: string|null;
             *   timestamp?: number|Long|null;
             *   sentAt?: number|Long|null;
             *   receivedAt?: number|Long|null;
             *   userId?: string|null;
             *   anonymousId?: string|null;
             *   sessionId?: string|null;
             *   properties?: Object.<string,tidemark.v1.Value.$Shape>|null;
             *   context?: tidemark.v1.Context.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} tidemark.v1.Event.$Shape
             */

            /**
             * Constructs a new Event.
             * @memberof tidemark.v1
             * @classdesc Represents an Event.
             * @constructor
             * @param {tidemark.v1.Event.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Event = function (p) {
                this.properties = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Event id.
             * @member {string} id
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.id = "";

            /**
             * Event tenant.
             * @member {string} tenant
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.tenant = "";

            /**
             * Event name.
             * @member {string} name
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.name = "";

            /**
             * Event timestamp.
             * @member {number|Long} timestamp
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.timestamp = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Event sentAt.
             * @member {number|Long} sentAt
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Event receivedAt.
             * @member {number|Long} receivedAt
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.receivedAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Event userId.
             * @member {string} userId
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.userId = "";

            /**
             * Event anonymousId.
             * @member {string} anonymousId
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.anonymousId = "";

            /**
             * Event sessionId.
             * @member {string} sessionId
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.sessionId = "";

            /**
             * Event properties.
             * @member {Object.<string,tidemark.v1.Value.$Properties>} properties
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.properties = $util.emptyObject;

            /**
             * Event context.
             * @member {tidemark.v1.Context.$Properties|null|undefined} context
             * @memberof tidemark.v1.Event
             * @instance
             */
            Event.prototype.context = null;

            /**
             * Creates a new Event instance using the specified properties.
             * @function create
             * @memberof tidemark.v1.Event
             * @static
             * @param {tidemark.v1.Event.$Properties=} [properties] Properties to set
             * @returns {tidemark.v1.Event} Event instance
             * @type {{
             *   (properties: tidemark.v1.Event.$Shape): tidemark.v1.Event & tidemark.v1.Event.$Shape;
             *   (properties?: tidemark.v1.Event.$Properties): tidemark.v1.Event;
             * }}
             */
            Event.create = function(properties) {
                return new Event(properties);
            };

            /**
             * Encodes the specified Event message. Does not implicitly {@link tidemark.v1.Event.verify|verify} messages.
             * @function encode
             * @memberof tidemark.v1.Event
             * @static
             * @param {tidemark.v1.Event.$Properties} m Event message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant") && m.tenant !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.tenant);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.name);
                if (m.timestamp != null && $Object.hasOwnProperty.call(m, "timestamp") && (typeof m.timestamp === "object" ? m.timestamp.low || m.timestamp.high : m.timestamp !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.timestamp);
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt") && (typeof m.sentAt === "object" ? m.sentAt.low || m.sentAt.high : m.sentAt !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.sentAt);
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt") && (typeof m.receivedAt === "object" ? m.receivedAt.low || m.receivedAt.high : m.receivedAt !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.receivedAt);
                if (m.userId != null && $Object.hasOwnProperty.call(m, "userId") && m.userId !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.userId);
                if (m.anonymousId != null && $Object.hasOwnProperty.call(m, "anonymousId") && m.anonymousId !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.anonymousId);
                if (m.sessionId != null && $Object.hasOwnProperty.call(m, "sessionId") && m.sessionId !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.sessionId);
                if (m.properties != null && $Object.hasOwnProperty.call(m, "properties")) {
                    for (var ks = $Object.keys(m.properties), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 10, wireType 2 =*/82).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                        $root.tidemark.v1.Value.encode(m.properties[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                    }
                }
                if (m.context != null && $Object.hasOwnProperty.call(m, "context"))
                    $root.tidemark.v1.Context.encode(m.context, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Event message, length delimited. Does not implicitly {@link tidemark.v1.Event.verify|verify} messages.
             * @function encodeDelimited
             * @memberof tidemark.v1.Event
             * @static
             * @param {tidemark.v1.Event.$Properties} message Event message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @function decode
             * @memberof tidemark.v1.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidemark.v1.Event & tidemark.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.tidemark.v1.Event();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.tenant = v;
                            else
                                delete m.tenant;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timestamp = v;
                            else
                                delete m.timestamp;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAt = v;
                            else
                                delete m.sentAt;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.receivedAt = v;
                            else
                                delete m.receivedAt;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.userId = v;
                            else
                                delete m.userId;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.anonymousId = v;
                            else
                                delete m.anonymousId;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sessionId = v;
                            else
                                delete m.sessionId;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if (m.properties === $util.emptyObject)
                                m.properties = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = null;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = $root.tidemark.v1.Value.decode(r, r.size(), $undefined, q + 1, v);
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.properties, k);
                            m.properties[k] = v || new $root.tidemark.v1.Value();
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.context = $root.tidemark.v1.Context.decode(r, r.size(), $undefined, q + 1, m.context);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Event message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof tidemark.v1.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {tidemark.v1.Event & tidemark.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Event message.
             * @function verify
             * @memberof tidemark.v1.Event
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Event.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    if (!$util.isString(m.id))
                        return "id: string expected";
                }
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant")) {
                    if (!$util.isString(m.tenant))
                        return "tenant: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.timestamp != null && $Object.hasOwnProperty.call(m, "timestamp")) {
                    if (!$util.isInteger(m.timestamp) && !(m.timestamp && $util.isInteger(m.timestamp.low) && $util.isInteger(m.timestamp.high)))
                        return "timestamp: integer|Long expected";
                }
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt")) {
                    if (!$util.isInteger(m.sentAt) && !(m.sentAt && $util.isInteger(m.sentAt.low) && $util.isInteger(m.sentAt.high)))
                        return "sentAt: integer|Long expected";
                }
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt")) {
                    if (!$util.isInteger(m.receivedAt) && !(m.receivedAt && $util.isInteger(m.receivedAt.low) && $util.isInteger(m.receivedAt.high)))
                        return "receivedAt: integer|Long expected";
                }
                if (m.userId != null && $Object.hasOwnProperty.call(m, "userId")) {
                    if (!$util.isString(m.userId))
                        return "userId: string expected";
                }
                if (m.anonymousId != null && $Object.hasOwnProperty.call(m, "anonymousId")) {
                    if (!$util.isString(m.anonymousId))
                        return "anonymousId: string expected";
                }
                if (m.sessionId != null && $Object.hasOwnProperty.call(m, "sessionId")) {
                    if (!$util.isString(m.sessionId))
                        return "sessionId: string expected";
                }
                if (m.properties != null && $Object.hasOwnProperty.call(m, "properties")) {
                    if (!$util.isObject(m.properties))
                        return "properties: object expected";
                    var k = $Object.keys(m.properties);
                    for (var i = 0; i < k.length; ++i) {
                        {
                            var e = $root.tidemark.v1.Value.verify(m.properties[k[i]], q + 1);
                            if (e)
                                return "properties." + e;
                        }
                    }
                }
                if (m.context != null && $Object.hasOwnProperty.call(m, "context")) {
                    {
                        var e = $root.tidemark.v1.Context.verify(m.context, q + 1);
                        if (e)
                            return "context." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof tidemark.v1.Event
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {tidemark.v1.Event} Event
             */
            Event.fromObject = function (d, q) {
                if (d instanceof $root.tidemark.v1.Event)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".tidemark.v1.Event: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.tidemark.v1.Event();
                if (d.id != null) {
                    if (typeof d.id !== "string" || d.id.length) {
                        m.id = $String(d.id);
                    }
                }
                if (d.tenant != null) {
                    if (typeof d.tenant !== "string" || d.tenant.length) {
                        m.tenant = $String(d.tenant);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.timestamp != null) {
                    if (typeof d.timestamp === "object" ? d.timestamp.low || d.timestamp.high : $Number(d.timestamp) !== 0) {
                        if ($util.Long)
                            m.timestamp = $util.Long.fromValue(d.timestamp, false);
                        else if (typeof d.timestamp === "string")
                            m.timestamp = $parseInt(d.timestamp, 10);
                        else if (typeof d.timestamp === "number")
                            m.timestamp = d.timestamp;
                        else if (typeof d.timestamp === "object")
                            m.timestamp = new $util.LongBits(d.timestamp.low >>> 0, d.timestamp.high >>> 0).toNumber();
                    }
                }
                if (d.sentAt != null) {
                    if (typeof d.sentAt === "object" ? d.sentAt.low || d.sentAt.high : $Number(d.sentAt) !== 0) {
                        if ($util.Long)
                            m.sentAt = $util.Long.fromValue(d.sentAt, false);
                        else if (typeof d.sentAt === "string")
                            m.sentAt = $parseInt(d.sentAt, 10);
                        else if (typeof d.sentAt === "number")
                            m.sentAt = d.sentAt;
                        else if (typeof d.sentAt === "object")
                            m.sentAt = new $util.LongBits(d.sentAt.low >>> 0, d.sentAt.high >>> 0).toNumber();
                    }
                }
                if (d.receivedAt != null) {
                    if (typeof d.receivedAt === "object" ? d.receivedAt.low || d.receivedAt.high : $Number(d.receivedAt) !== 0) {
                        if ($util.Long)
                            m.receivedAt = $util.Long.fromValue(d.receivedAt, false);
                        else if (typeof d.receivedAt === "string")
                            m.receivedAt = $parseInt(d.receivedAt, 10);
                        else if (typeof d.receivedAt === "number")
                            m.receivedAt = d.receivedAt;
                        else if (typeof d.receivedAt === "object")
                            m.receivedAt = new $util.LongBits(d.receivedAt.low >>> 0, d.receivedAt.high >>> 0).toNumber();
                    }
                }
                if (d.userId != null) {
                    if (typeof d.userId !== "string" || d.userId.length) {
                        m.userId = $String(d.userId);
                    }
                }
                if (d.anonymousId != null) {
                    if (typeof d.anonymousId !== "string" || d.anonymousId.length) {
                        m.anonymousId = $String(d.anonymousId);
                    }
                }
                if (d.sessionId != null) {
                    if (typeof d.sessionId !== "string" || d.sessionId.length) {
                        m.sessionId = $String(d.sessionId);
                    }
                }
                if (d.properties) {
                    if (!$util.isObject(d.properties))
                        throw $TypeError(".tidemark.v1.Event.properties: object expected");
                    m.properties = {};
                    for (var ks = $Object.keys(d.properties), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.properties, ks[i]);
                        if (!$util.isObject(d.properties[ks[i]]))
                            throw $TypeError(".tidemark.v1.Event.properties: object expected");
                        m.properties[ks[i]] = $root.tidemark.v1.Value.fromObject(d.properties[ks[i]], q + 1);
                    }
                }
                if (d.context != null) {
                    if (!$util.isObject(d.context))
                        throw $TypeError(".tidemark.v1.Event.context: object expected");
                    m.context = $root.tidemark.v1.Context.fromObject(d.context, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @function toObject
             * @memberof tidemark.v1.Event
             * @static
             * @param {tidemark.v1.Event} m Event
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Event.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.properties = {};
                }
                if (o.defaults) {
                    d.id = "";
                    d.tenant = "";
                    d.name = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timestamp = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timestamp = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAt = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAt = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.receivedAt = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.receivedAt = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.userId = "";
                    d.anonymousId = "";
                    d.sessionId = "";
                    d.context = null;
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    d.id = m.id;
                }
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant")) {
                    d.tenant = m.tenant;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.timestamp != null && $Object.hasOwnProperty.call(m, "timestamp")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timestamp = typeof m.timestamp === "number" ? $BigInt(m.timestamp) : $util.Long.fromBits(m.timestamp.low >>> 0, m.timestamp.high >>> 0, false).toBigInt();
                    else if (typeof m.timestamp === "number")
                        d.timestamp = o.longs === $String ? $String(m.timestamp) : m.timestamp;
                    else
                        d.timestamp = o.longs === $String ? $util.Long.prototype.toString.call(m.timestamp) : o.longs === $Number ? new $util.LongBits(m.timestamp.low >>> 0, m.timestamp.high >>> 0).toNumber() : m.timestamp;
                }
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAt = typeof m.sentAt === "number" ? $BigInt(m.sentAt) : $util.Long.fromBits(m.sentAt.low >>> 0, m.sentAt.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAt === "number")
                        d.sentAt = o.longs === $String ? $String(m.sentAt) : m.sentAt;
                    else
                        d.sentAt = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAt) : o.longs === $Number ? new $util.LongBits(m.sentAt.low >>> 0, m.sentAt.high >>> 0).toNumber() : m.sentAt;
                }
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.receivedAt = typeof m.receivedAt === "number" ? $BigInt(m.receivedAt) : $util.Long.fromBits(m.receivedAt.low >>> 0, m.receivedAt.high >>> 0, false).toBigInt();
                    else if (typeof m.receivedAt === "number")
                        d.receivedAt = o.longs === $String ? $String(m.receivedAt) : m.receivedAt;
                    else
                        d.receivedAt = o.longs === $String ? $util.Long.prototype.toString.call(m.receivedAt) : o.longs === $Number ? new $util.LongBits(m.receivedAt.low >>> 0, m.receivedAt.high >>> 0).toNumber() : m.receivedAt;
                }
                if (m.userId != null && $Object.hasOwnProperty.call(m, "userId")) {
                    d.userId = m.userId;
                }
                if (m.anonymousId != null && $Object.hasOwnProperty.call(m, "anonymousId")) {
                    d.anonymousId = m.anonymousId;
                }
                if (m.sessionId != null && $Object.hasOwnProperty.call(m, "sessionId")) {
                    d.sessionId = m.sessionId;
                }
                var ks2;
                if (m.properties && (ks2 = $Object.keys(m.properties)).length) {
                    d.properties = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.properties, ks2[j]);
                        d.properties[ks2[j]] = $root.tidemark.v1.Value.toObject(m.properties[ks2[j]], o, q + 1);
                    }
                }
                if (m.context != null && $Object.hasOwnProperty.call(m, "context")) {
                    d.context = $root.tidemark.v1.Context.toObject(m.context, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Event to JSON.
             * @function toJSON
             * @memberof tidemark.v1.Event
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Event.prototype.toJSON = function() {
                return Event.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Event
             * @function getTypeUrl
             * @memberof tidemark.v1.Event
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Event.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tidemark.v1.Event";
            };

            return Event;
        })();

        v1.Value = (function() {

            /**
             * Properties of a Value.
             * @typedef {Object} tidemark.v1.Value.$Properties
             * @property {string|null} [stringValue] Value stringValue
             * @property {number|null} [numberValue] Value numberValue
             * @property {boolean|null} [boolValue] Value boolValue
             * @property {"stringValue"|"numberValue"|"boolValue"} [kind] Value kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Value.
             * @memberof tidemark.v1
             * @interface IValue
             * @augments tidemark.v1.Value.$Properties
             * @deprecated Use tidemark.v1.Value.$Properties instead.
             */

            /**
             * Narrowed shape of a Value.
             * @typedef {{
             *   stringValue?: string|null;
             *   numberValue?: number|null;
             *   boolValue?: boolean|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; stringValue?: null; numberValue?: null; boolValue?: null }|{ kind?: "stringValue"; stringValue: string; numberValue?: null; boolValue?: null }|{ kind?: "numberValue"; stringValue?: null; numberValue: number; boolValue?: null }|{ kind?: "boolValue"; stringValue?: null; numberValue?: null; boolValue: boolean })
             * )} tidemark.v1.Value.$Shape
             */

            /**
             * Constructs a new Value.
             * @memberof tidemark.v1
             * @classdesc Represents a Value.
             * @constructor
             * @param {tidemark.v1.Value.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Value = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Value stringValue.
             * @member {string|null|undefined} stringValue
             * @memberof tidemark.v1.Value
             * @instance
             */
            Value.prototype.stringValue = null;

            /**
             * Value numberValue.
             * @member {number|null|undefined} numberValue
             * @memberof tidemark.v1.Value
             * @instance
             */
            Value.prototype.numberValue = null;

            /**
             * Value boolValue.
             * @member {boolean|null|undefined} boolValue
             * @memberof tidemark.v1.Value
             * @instance
             */
            Value.prototype.boolValue = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Value kind.
             * @member {"stringValue"|"numberValue"|"boolValue"|undefined} kind
             * @memberof tidemark.v1.Value
             * @instance
             */
            $Object.defineProperty(Value.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["stringValue", "numberValue", "boolValue"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Value instance using the specified properties.
             * @function create
             * @memberof tidemark.v1.Value
             * @static
             * @param {tidemark.v1.Value.$Properties=} [properties] Properties to set
             * @returns {tidemark.v1.Value} Value instance
             * @type {{
             *   (properties: tidemark.v1.Value.$Shape): tidemark.v1.Value & tidemark.v1.Value.$Shape;
             *   (properties?: tidemark.v1.Value.$Properties): tidemark.v1.Value;
             * }}
             */
            Value.create = function(properties) {
                return new Value(properties);
            };

            /**
             * Encodes the specified Value message. Does not implicitly {@link tidemark.v1.Value.verify|verify} messages.
             * @function encode
             * @memberof tidemark.v1.Value
             * @static
             * @param {tidemark.v1.Value.$Properties} m Value message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Value.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.stringValue != null && $Object.hasOwnProperty.call(m, "stringValue"))
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.stringValue);
                if (m.numberValue != null && $Object.hasOwnProperty.call(m, "numberValue"))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.numberValue);
                if (m.boolValue != null && $Object.hasOwnProperty.call(m, "boolValue"))
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.boolValue);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Value message, length delimited. Does not implicitly {@link tidemark.v1.Value.verify|verify} messages.
             * @function encodeDelimited
             * @memberof tidemark.v1.Value
             * @static
             * @param {tidemark.v1.Value.$Properties} message Value message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Value.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @function decode
             * @memberof tidemark.v1.Value
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidemark.v1.Value & tidemark.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Value.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.tidemark.v1.Value();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.stringValue = r.stringVerify();
                            m.kind = "stringValue";
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            m.numberValue = r.double();
                            m.kind = "numberValue";
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            m.boolValue = r.bool();
                            m.kind = "boolValue";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Value message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof tidemark.v1.Value
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {tidemark.v1.Value & tidemark.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Value.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Value message.
             * @function verify
             * @memberof tidemark.v1.Value
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Value.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.stringValue != null && $Object.hasOwnProperty.call(m, "stringValue")) {
                    p.kind = 1;
                    if (!$util.isString(m.stringValue))
                        return "stringValue: string expected";
                }
                if (m.numberValue != null && $Object.hasOwnProperty.call(m, "numberValue")) {
                    if (p.kind === 1)
                        return "kind: multiple values";
                    p.kind = 1;
                    if (typeof m.numberValue !== "number")
                        return "numberValue: number expected";
                }
                if (m.boolValue != null && $Object.hasOwnProperty.call(m, "boolValue")) {
                    if (p.kind === 1)
                        return "kind: multiple values";
                    p.kind = 1;
                    if (typeof m.boolValue !== "boolean")
                        return "boolValue: boolean expected";
                }
                return null;
            };

            /**
             * Creates a Value message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof tidemark.v1.Value
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {tidemark.v1.Value} Value
             */
            Value.fromObject = function (d, q) {
                if (d instanceof $root.tidemark.v1.Value)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".tidemark.v1.Value: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.tidemark.v1.Value();
                if (d.stringValue != null) {
                    m.stringValue = $String(d.stringValue);
                }
                if (d.numberValue != null) {
                    m.numberValue = $Number(d.numberValue);
                }
                if (d.boolValue != null) {
                    m.boolValue = $Boolean(d.boolValue);
                }
                return m;
            };

            /**
             * Creates a plain object from a Value message. Also converts values to other types if specified.
             * @function toObject
             * @memberof tidemark.v1.Value
             * @static
             * @param {tidemark.v1.Value} m Value
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Value.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.stringValue != null && $Object.hasOwnProperty.call(m, "stringValue")) {
                    d.stringValue = m.stringValue;
                    if (o.oneofs)
                        d.kind = "stringValue";
                }
                if (m.numberValue != null && $Object.hasOwnProperty.call(m, "numberValue")) {
                    d.numberValue = o.json && !$isFinite(m.numberValue) ? $String(m.numberValue) : m.numberValue;
                    if (o.oneofs)
                        d.kind = "numberValue";
                }
                if (m.boolValue != null && $Object.hasOwnProperty.call(m, "boolValue")) {
                    d.boolValue = m.boolValue;
                    if (o.oneofs)
                        d.kind = "boolValue";
                }
                return d;
            };

            /**
             * Converts this Value to JSON.
             * @function toJSON
             * @memberof tidemark.v1.Value
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Value.prototype.toJSON = function() {
                return Value.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Value
             * @function getTypeUrl
             * @memberof tidemark.v1.Value
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Value.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tidemark.v1.Value";
            };

            return Value;
        })();

        v1.Context = (function() {

            /**
             * Properties of a Context.
             * @typedef {Object} tidemark.v1.Context.$Properties
             * @property {string|null} [userAgent] Context userAgent
             * @property {string|null} [ip] Context ip
             * @property {string|null} [sdkName] Context sdkName
             * @property {string|null} [sdkVersion] Context sdkVersion
             * @property {tidemark.v1.Transport|null} [transport] Context transport
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Context.
             * @memberof tidemark.v1
             * @interface IContext
             * @augments tidemark.v1.Context.$Properties
             * @deprecated Use tidemark.v1.Context.$Properties instead.
             */

            /**
             * Shape of a Context.
             * @typedef {tidemark.v1.Context.$Properties} tidemark.v1.Context.$Shape
             */

            /**
             * Constructs a new Context.
             * @memberof tidemark.v1
             * @classdesc Represents a Context.
             * @constructor
             * @param {tidemark.v1.Context.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Context = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Context userAgent.
             * @member {string} userAgent
             * @memberof tidemark.v1.Context
             * @instance
             */
            Context.prototype.userAgent = "";

            /**
             * Context ip.
             * @member {string} ip
             * @memberof tidemark.v1.Context
             * @instance
             */
            Context.prototype.ip = "";

            /**
             * Context sdkName.
             * @member {string} sdkName
             * @memberof tidemark.v1.Context
             * @instance
             */
            Context.prototype.sdkName = "";

            /**
             * Context sdkVersion.
             * @member {string} sdkVersion
             * @memberof tidemark.v1.Context
             * @instance
             */
            Context.prototype.sdkVersion = "";

            /**
             * Context transport.
             * @member {tidemark.v1.Transport} transport
             * @memberof tidemark.v1.Context
             * @instance
             */
            Context.prototype.transport = 0;

            /**
             * Creates a new Context instance using the specified properties.
             * @function create
             * @memberof tidemark.v1.Context
             * @static
             * @param {tidemark.v1.Context.$Properties=} [properties] Properties to set
             * @returns {tidemark.v1.Context} Context instance
             * @type {{
             *   (properties: tidemark.v1.Context.$Shape): tidemark.v1.Context & tidemark.v1.Context.$Shape;
             *   (properties?: tidemark.v1.Context.$Properties): tidemark.v1.Context;
             * }}
             */
            Context.create = function(properties) {
                return new Context(properties);
            };

            /**
             * Encodes the specified Context message. Does not implicitly {@link tidemark.v1.Context.verify|verify} messages.
             * @function encode
             * @memberof tidemark.v1.Context
             * @static
             * @param {tidemark.v1.Context.$Properties} m Context message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Context.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.userAgent != null && $Object.hasOwnProperty.call(m, "userAgent") && m.userAgent !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.userAgent);
                if (m.ip != null && $Object.hasOwnProperty.call(m, "ip") && m.ip !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.ip);
                if (m.sdkName != null && $Object.hasOwnProperty.call(m, "sdkName") && m.sdkName !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.sdkName);
                if (m.sdkVersion != null && $Object.hasOwnProperty.call(m, "sdkVersion") && m.sdkVersion !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.sdkVersion);
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport") && m.transport !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.transport);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Context message, length delimited. Does not implicitly {@link tidemark.v1.Context.verify|verify} messages.
             * @function encodeDelimited
             * @memberof tidemark.v1.Context
             * @static
             * @param {tidemark.v1.Context.$Properties} message Context message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Context.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Context message from the specified reader or buffer.
             * @function decode
             * @memberof tidemark.v1.Context
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidemark.v1.Context & tidemark.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Context.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.tidemark.v1.Context();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.userAgent = v;
                            else
                                delete m.userAgent;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.ip = v;
                            else
                                delete m.ip;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sdkName = v;
                            else
                                delete m.sdkName;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sdkVersion = v;
                            else
                                delete m.sdkVersion;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.transport = v;
                            else
                                delete m.transport;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Context message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof tidemark.v1.Context
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {tidemark.v1.Context & tidemark.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Context.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Context message.
             * @function verify
             * @memberof tidemark.v1.Context
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Context.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.userAgent != null && $Object.hasOwnProperty.call(m, "userAgent")) {
                    if (!$util.isString(m.userAgent))
                        return "userAgent: string expected";
                }
                if (m.ip != null && $Object.hasOwnProperty.call(m, "ip")) {
                    if (!$util.isString(m.ip))
                        return "ip: string expected";
                }
                if (m.sdkName != null && $Object.hasOwnProperty.call(m, "sdkName")) {
                    if (!$util.isString(m.sdkName))
                        return "sdkName: string expected";
                }
                if (m.sdkVersion != null && $Object.hasOwnProperty.call(m, "sdkVersion")) {
                    if (!$util.isString(m.sdkVersion))
                        return "sdkVersion: string expected";
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    if (typeof m.transport !== "number" || (m.transport | 0) !== m.transport)
                        return "transport: enum value expected";
                }
                return null;
            };

            /**
             * Creates a Context message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof tidemark.v1.Context
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {tidemark.v1.Context} Context
             */
            Context.fromObject = function (d, q) {
                if (d instanceof $root.tidemark.v1.Context)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".tidemark.v1.Context: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.tidemark.v1.Context();
                if (d.userAgent != null) {
                    if (typeof d.userAgent !== "string" || d.userAgent.length) {
                        m.userAgent = $String(d.userAgent);
                    }
                }
                if (d.ip != null) {
                    if (typeof d.ip !== "string" || d.ip.length) {
                        m.ip = $String(d.ip);
                    }
                }
                if (d.sdkName != null) {
                    if (typeof d.sdkName !== "string" || d.sdkName.length) {
                        m.sdkName = $String(d.sdkName);
                    }
                }
                if (d.sdkVersion != null) {
                    if (typeof d.sdkVersion !== "string" || d.sdkVersion.length) {
                        m.sdkVersion = $String(d.sdkVersion);
                    }
                }
                if (d.transport !== 0 && (typeof d.transport !== "string" || $root.tidemark.v1.Transport[d.transport] !== 0)) {
                    switch (d.transport) {
                    case "TRANSPORT_UNSPECIFIED":
                    case 0:
                        m.transport = 0;
                        break;
                    case "TRANSPORT_HTTP":
                    case 1:
                        m.transport = 1;
                        break;
                    case "TRANSPORT_BEACON":
                    case 2:
                        m.transport = 2;
                        break;
                    case "TRANSPORT_WEBSOCKET":
                    case 3:
                        m.transport = 3;
                        break;
                    case "TRANSPORT_COMET_STREAM":
                    case 4:
                        m.transport = 4;
                        break;
                    case "TRANSPORT_COMET_POLL":
                    case 5:
                        m.transport = 5;
                        break;
                    default:
                        if (typeof d.transport === "number" && (d.transport | 0) === d.transport)
                            m.transport = d.transport;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Context message. Also converts values to other types if specified.
             * @function toObject
             * @memberof tidemark.v1.Context
             * @static
             * @param {tidemark.v1.Context} m Context
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Context.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.userAgent = "";
                    d.ip = "";
                    d.sdkName = "";
                    d.sdkVersion = "";
                    d.transport = o.enums === $String ? "TRANSPORT_UNSPECIFIED" : 0;
                }
                if (m.userAgent != null && $Object.hasOwnProperty.call(m, "userAgent")) {
                    d.userAgent = m.userAgent;
                }
                if (m.ip != null && $Object.hasOwnProperty.call(m, "ip")) {
                    d.ip = m.ip;
                }
                if (m.sdkName != null && $Object.hasOwnProperty.call(m, "sdkName")) {
                    d.sdkName = m.sdkName;
                }
                if (m.sdkVersion != null && $Object.hasOwnProperty.call(m, "sdkVersion")) {
                    d.sdkVersion = m.sdkVersion;
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    d.transport = o.enums === $String ? $root.tidemark.v1.Transport[m.transport] === $undefined ? m.transport : $root.tidemark.v1.Transport[m.transport] : m.transport;
                }
                return d;
            };

            /**
             * Converts this Context to JSON.
             * @function toJSON
             * @memberof tidemark.v1.Context
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Context.prototype.toJSON = function() {
                return Context.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Context
             * @function getTypeUrl
             * @memberof tidemark.v1.Context
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Context.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tidemark.v1.Context";
            };

            return Context;
        })();

        /**
         * Transport enum.
         * @name tidemark.v1.Transport
         * @enum {number}
         * @property {number} TRANSPORT_UNSPECIFIED=0 TRANSPORT_UNSPECIFIED value
         * @property {number} TRANSPORT_HTTP=1 TRANSPORT_HTTP value
         * @property {number} TRANSPORT_BEACON=2 TRANSPORT_BEACON value
         * @property {number} TRANSPORT_WEBSOCKET=3 TRANSPORT_WEBSOCKET value
         * @property {number} TRANSPORT_COMET_STREAM=4 TRANSPORT_COMET_STREAM value
         * @property {number} TRANSPORT_COMET_POLL=5 TRANSPORT_COMET_POLL value
         */
        v1.Transport = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TRANSPORT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TRANSPORT_HTTP"] = 1;
            values[valuesById[2] = "TRANSPORT_BEACON"] = 2;
            values[valuesById[3] = "TRANSPORT_WEBSOCKET"] = 3;
            values[valuesById[4] = "TRANSPORT_COMET_STREAM"] = 4;
            values[valuesById[5] = "TRANSPORT_COMET_POLL"] = 5;
            return values;
        })();

        v1.EventBatch = (function() {

            /**
             * Properties of an EventBatch.
             * @typedef {Object} tidemark.v1.EventBatch.$Properties
             * @property {Array.<tidemark.v1.Event.$Properties>|null} [events] EventBatch events
             * @property {number|Long|null} [seq] EventBatch seq
             * @property {number|Long|null} [sentAt] EventBatch sentAt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventBatch.
             * @memberof tidemark.v1
             * @interface IEventBatch
             * @augments tidemark.v1.EventBatch.$Properties
             * @deprecated Use tidemark.v1.EventBatch.$Properties instead.
             */

            /**
             * Shape of an EventBatch.
             * @typedef {{
             *   events?: Array.<tidemark.v1.Event.$Shape>|null;
             *   seq?: number|Long|null;
             *   sentAt?: number|Long|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} tidemark.v1.EventBatch.$Shape
             */

            /**
             * Constructs a new EventBatch.
             * @memberof tidemark.v1
             * @classdesc Represents an EventBatch.
             * @constructor
             * @param {tidemark.v1.EventBatch.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventBatch = function (p) {
                this.events = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EventBatch events.
             * @member {Array.<tidemark.v1.Event.$Properties>} events
             * @memberof tidemark.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.events = $util.emptyArray;

            /**
             * EventBatch seq.
             * @member {number|Long} seq
             * @memberof tidemark.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EventBatch sentAt.
             * @member {number|Long} sentAt
             * @memberof tidemark.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @function create
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {tidemark.v1.EventBatch.$Properties=} [properties] Properties to set
             * @returns {tidemark.v1.EventBatch} EventBatch instance
             * @type {{
             *   (properties: tidemark.v1.EventBatch.$Shape): tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape;
             *   (properties?: tidemark.v1.EventBatch.$Properties): tidemark.v1.EventBatch;
             * }}
             */
            EventBatch.create = function(properties) {
                return new EventBatch(properties);
            };

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link tidemark.v1.EventBatch.verify|verify} messages.
             * @function encode
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {tidemark.v1.EventBatch.$Properties} m EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.events != null && m.events.length) {
                    for (var i = 0; i < m.events.length; ++i)
                        $root.tidemark.v1.Event.encode(m.events[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.seq);
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt") && (typeof m.sentAt === "object" ? m.sentAt.low || m.sentAt.high : m.sentAt !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.sentAt);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EventBatch message, length delimited. Does not implicitly {@link tidemark.v1.EventBatch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {tidemark.v1.EventBatch.$Properties} message EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @function decode
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.tidemark.v1.EventBatch();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.events && m.events.length))
                                m.events = [];
                            m.events.push($root.tidemark.v1.Event.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAt = v;
                            else
                                delete m.sentAt;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EventBatch message.
             * @function verify
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EventBatch.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.events != null && $Object.hasOwnProperty.call(m, "events")) {
                    if (!$Array.isArray(m.events))
                        return "events: array expected";
                    for (var i = 0; i < m.events.length; ++i) {
                        {
                            var e = $root.tidemark.v1.Event.verify(m.events[i], q + 1);
                            if (e)
                                return "events." + e;
                        }
                    }
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq) && !(m.seq && $util.isInteger(m.seq.low) && $util.isInteger(m.seq.high)))
                        return "seq: integer|Long expected";
                }
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt")) {
                    if (!$util.isInteger(m.sentAt) && !(m.sentAt && $util.isInteger(m.sentAt.low) && $util.isInteger(m.sentAt.high)))
                        return "sentAt: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {tidemark.v1.EventBatch} EventBatch
             */
            EventBatch.fromObject = function (d, q) {
                if (d instanceof $root.tidemark.v1.EventBatch)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".tidemark.v1.EventBatch: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.tidemark.v1.EventBatch();
                if (d.events) {
                    if (!$Array.isArray(d.events))
                        throw $TypeError(".tidemark.v1.EventBatch.events: array expected");
                    m.events = $Array(d.events.length);
                    for (var i = 0; i < d.events.length; ++i) {
                        if (!$util.isObject(d.events[i]))
                            throw $TypeError(".tidemark.v1.EventBatch.events: object expected");
                        m.events[i] = $root.tidemark.v1.Event.fromObject(d.events[i], q + 1);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.sentAt != null) {
                    if (typeof d.sentAt === "object" ? d.sentAt.low || d.sentAt.high : $Number(d.sentAt) !== 0) {
                        if ($util.Long)
                            m.sentAt = $util.Long.fromValue(d.sentAt, false);
                        else if (typeof d.sentAt === "string")
                            m.sentAt = $parseInt(d.sentAt, 10);
                        else if (typeof d.sentAt === "number")
                            m.sentAt = d.sentAt;
                        else if (typeof d.sentAt === "object")
                            m.sentAt = new $util.LongBits(d.sentAt.low >>> 0, d.sentAt.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {tidemark.v1.EventBatch} m EventBatch
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EventBatch.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.events = [];
                }
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAt = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAt = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.events && m.events.length) {
                    d.events = $Array(m.events.length);
                    for (var j = 0; j < m.events.length; ++j) {
                        d.events[j] = $root.tidemark.v1.Event.toObject(m.events[j], o, q + 1);
                    }
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAt = typeof m.sentAt === "number" ? $BigInt(m.sentAt) : $util.Long.fromBits(m.sentAt.low >>> 0, m.sentAt.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAt === "number")
                        d.sentAt = o.longs === $String ? $String(m.sentAt) : m.sentAt;
                    else
                        d.sentAt = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAt) : o.longs === $Number ? new $util.LongBits(m.sentAt.low >>> 0, m.sentAt.high >>> 0).toNumber() : m.sentAt;
                }
                return d;
            };

            /**
             * Converts this EventBatch to JSON.
             * @function toJSON
             * @memberof tidemark.v1.EventBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EventBatch.prototype.toJSON = function() {
                return EventBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EventBatch
             * @function getTypeUrl
             * @memberof tidemark.v1.EventBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EventBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tidemark.v1.EventBatch";
            };

            return EventBatch;
        })();

        v1.InvalidEvent = (function() {

            /**
             * Properties of an InvalidEvent.
             * @typedef {Object} tidemark.v1.InvalidEvent.$Properties
             * @property {string|null} [tenant] InvalidEvent tenant
             * @property {Uint8Array|null} [head] InvalidEvent head
             * @property {number|null} [size] InvalidEvent size
             * @property {Uint8Array|null} [sha256] InvalidEvent sha256
             * @property {string|null} [code] InvalidEvent code
             * @property {string|null} [reason] InvalidEvent reason
             * @property {tidemark.v1.Transport|null} [transport] InvalidEvent transport
             * @property {number|Long|null} [receivedAt] InvalidEvent receivedAt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InvalidEvent.
             * @memberof tidemark.v1
             * @interface IInvalidEvent
             * @augments tidemark.v1.InvalidEvent.$Properties
             * @deprecated Use tidemark.v1.InvalidEvent.$Properties instead.
             */

            /**
             * Shape of an InvalidEvent.
             * @typedef {tidemark.v1.InvalidEvent.$Properties} tidemark.v1.InvalidEvent.$Shape
             */

            /**
             * Constructs a new InvalidEvent.
             * @memberof tidemark.v1
             * @classdesc Represents an InvalidEvent.
             * @constructor
             * @param {tidemark.v1.InvalidEvent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InvalidEvent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * InvalidEvent tenant.
             * @member {string} tenant
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.tenant = "";

            /**
             * InvalidEvent head.
             * @member {Uint8Array} head
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.head = $util.newBuffer([]);

            /**
             * InvalidEvent size.
             * @member {number} size
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.size = 0;

            /**
             * InvalidEvent sha256.
             * @member {Uint8Array} sha256
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.sha256 = $util.newBuffer([]);

            /**
             * InvalidEvent code.
             * @member {string} code
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.code = "";

            /**
             * InvalidEvent reason.
             * @member {string} reason
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.reason = "";

            /**
             * InvalidEvent transport.
             * @member {tidemark.v1.Transport} transport
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.transport = 0;

            /**
             * InvalidEvent receivedAt.
             * @member {number|Long} receivedAt
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             */
            InvalidEvent.prototype.receivedAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new InvalidEvent instance using the specified properties.
             * @function create
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {tidemark.v1.InvalidEvent.$Properties=} [properties] Properties to set
             * @returns {tidemark.v1.InvalidEvent} InvalidEvent instance
             * @type {{
             *   (properties: tidemark.v1.InvalidEvent.$Shape): tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape;
             *   (properties?: tidemark.v1.InvalidEvent.$Properties): tidemark.v1.InvalidEvent;
             * }}
             */
            InvalidEvent.create = function(properties) {
                return new InvalidEvent(properties);
            };

            /**
             * Encodes the specified InvalidEvent message. Does not implicitly {@link tidemark.v1.InvalidEvent.verify|verify} messages.
             * @function encode
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {tidemark.v1.InvalidEvent.$Properties} m InvalidEvent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InvalidEvent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant") && m.tenant !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.tenant);
                if (m.head != null && $Object.hasOwnProperty.call(m, "head") && m.head.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.head);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && m.size !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.size);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.sha256);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.code);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.reason);
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport") && m.transport !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).int32(m.transport);
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt") && (typeof m.receivedAt === "object" ? m.receivedAt.low || m.receivedAt.high : m.receivedAt !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.receivedAt);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified InvalidEvent message, length delimited. Does not implicitly {@link tidemark.v1.InvalidEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {tidemark.v1.InvalidEvent.$Properties} message InvalidEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InvalidEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an InvalidEvent message from the specified reader or buffer.
             * @function decode
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape} InvalidEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InvalidEvent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.tidemark.v1.InvalidEvent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.tenant = v;
                            else
                                delete m.tenant;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.head = v;
                            else
                                delete m.head;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.transport = v;
                            else
                                delete m.transport;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.receivedAt = v;
                            else
                                delete m.receivedAt;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an InvalidEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape} InvalidEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InvalidEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an InvalidEvent message.
             * @function verify
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            InvalidEvent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant")) {
                    if (!$util.isString(m.tenant))
                        return "tenant: string expected";
                }
                if (m.head != null && $Object.hasOwnProperty.call(m, "head")) {
                    if (!(m.head && typeof m.head.length === "number" || $util.isString(m.head)))
                        return "head: buffer expected";
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (!$util.isInteger(m.size))
                        return "size: integer expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!(m.sha256 && typeof m.sha256.length === "number" || $util.isString(m.sha256)))
                        return "sha256: buffer expected";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    if (typeof m.transport !== "number" || (m.transport | 0) !== m.transport)
                        return "transport: enum value expected";
                }
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt")) {
                    if (!$util.isInteger(m.receivedAt) && !(m.receivedAt && $util.isInteger(m.receivedAt.low) && $util.isInteger(m.receivedAt.high)))
                        return "receivedAt: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates an InvalidEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {tidemark.v1.InvalidEvent} InvalidEvent
             */
            InvalidEvent.fromObject = function (d, q) {
                if (d instanceof $root.tidemark.v1.InvalidEvent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".tidemark.v1.InvalidEvent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.tidemark.v1.InvalidEvent();
                if (d.tenant != null) {
                    if (typeof d.tenant !== "string" || d.tenant.length) {
                        m.tenant = $String(d.tenant);
                    }
                }
                if (d.head != null) {
                    if (d.head.length) {
                        if (typeof d.head === "string")
                            $util.base64.decode(d.head, m.head = $util.newBuffer($util.base64.length(d.head)), 0);
                        else if (d.head.length >= 0)
                            m.head = d.head;
                    }
                }
                if (d.size != null) {
                    if ($Number(d.size) !== 0) {
                        m.size = d.size >>> 0;
                    }
                }
                if (d.sha256 != null) {
                    if (d.sha256.length) {
                        if (typeof d.sha256 === "string")
                            $util.base64.decode(d.sha256, m.sha256 = $util.newBuffer($util.base64.length(d.sha256)), 0);
                        else if (d.sha256.length >= 0)
                            m.sha256 = d.sha256;
                    }
                }
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.transport !== 0 && (typeof d.transport !== "string" || $root.tidemark.v1.Transport[d.transport] !== 0)) {
                    switch (d.transport) {
                    case "TRANSPORT_UNSPECIFIED":
                    case 0:
                        m.transport = 0;
                        break;
                    case "TRANSPORT_HTTP":
                    case 1:
                        m.transport = 1;
                        break;
                    case "TRANSPORT_BEACON":
                    case 2:
                        m.transport = 2;
                        break;
                    case "TRANSPORT_WEBSOCKET":
                    case 3:
                        m.transport = 3;
                        break;
                    case "TRANSPORT_COMET_STREAM":
                    case 4:
                        m.transport = 4;
                        break;
                    case "TRANSPORT_COMET_POLL":
                    case 5:
                        m.transport = 5;
                        break;
                    default:
                        if (typeof d.transport === "number" && (d.transport | 0) === d.transport)
                            m.transport = d.transport;
                    }
                }
                if (d.receivedAt != null) {
                    if (typeof d.receivedAt === "object" ? d.receivedAt.low || d.receivedAt.high : $Number(d.receivedAt) !== 0) {
                        if ($util.Long)
                            m.receivedAt = $util.Long.fromValue(d.receivedAt, false);
                        else if (typeof d.receivedAt === "string")
                            m.receivedAt = $parseInt(d.receivedAt, 10);
                        else if (typeof d.receivedAt === "number")
                            m.receivedAt = d.receivedAt;
                        else if (typeof d.receivedAt === "object")
                            m.receivedAt = new $util.LongBits(d.receivedAt.low >>> 0, d.receivedAt.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an InvalidEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {tidemark.v1.InvalidEvent} m InvalidEvent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            InvalidEvent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.tenant = "";
                    if (o.bytes === $String)
                        d.head = "";
                    else {
                        d.head = [];
                        if (o.bytes !== $Array)
                            d.head = $util.newBuffer(d.head);
                    }
                    d.size = 0;
                    if (o.bytes === $String)
                        d.sha256 = "";
                    else {
                        d.sha256 = [];
                        if (o.bytes !== $Array)
                            d.sha256 = $util.newBuffer(d.sha256);
                    }
                    d.code = "";
                    d.reason = "";
                    d.transport = o.enums === $String ? "TRANSPORT_UNSPECIFIED" : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.receivedAt = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.receivedAt = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.tenant != null && $Object.hasOwnProperty.call(m, "tenant")) {
                    d.tenant = m.tenant;
                }
                if (m.head != null && $Object.hasOwnProperty.call(m, "head")) {
                    d.head = o.bytes === $String ? $util.base64.encode(m.head, 0, m.head.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.head) : m.head;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    d.size = m.size;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = o.bytes === $String ? $util.base64.encode(m.sha256, 0, m.sha256.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.sha256) : m.sha256;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    d.transport = o.enums === $String ? $root.tidemark.v1.Transport[m.transport] === $undefined ? m.transport : $root.tidemark.v1.Transport[m.transport] : m.transport;
                }
                if (m.receivedAt != null && $Object.hasOwnProperty.call(m, "receivedAt")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.receivedAt = typeof m.receivedAt === "number" ? $BigInt(m.receivedAt) : $util.Long.fromBits(m.receivedAt.low >>> 0, m.receivedAt.high >>> 0, false).toBigInt();
                    else if (typeof m.receivedAt === "number")
                        d.receivedAt = o.longs === $String ? $String(m.receivedAt) : m.receivedAt;
                    else
                        d.receivedAt = o.longs === $String ? $util.Long.prototype.toString.call(m.receivedAt) : o.longs === $Number ? new $util.LongBits(m.receivedAt.low >>> 0, m.receivedAt.high >>> 0).toNumber() : m.receivedAt;
                }
                return d;
            };

            /**
             * Converts this InvalidEvent to JSON.
             * @function toJSON
             * @memberof tidemark.v1.InvalidEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            InvalidEvent.prototype.toJSON = function() {
                return InvalidEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for InvalidEvent
             * @function getTypeUrl
             * @memberof tidemark.v1.InvalidEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InvalidEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tidemark.v1.InvalidEvent";
            };

            return InvalidEvent;
        })();

        return v1;
    })();

    return tidemark;
})();

export {
  $root as default
};
