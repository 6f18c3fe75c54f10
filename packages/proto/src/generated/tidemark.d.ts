import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace tidemark. */
export namespace tidemark {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of an Event.
         * @deprecated Use tidemark.v1.Event.$Properties instead.
         */
        interface IEvent extends tidemark.v1.Event.$Properties {
        }

        /** Represents an Event. */
        class Event {

            /**
             * Constructs a new Event.
             * @param [p] Properties to set
             */
            constructor(p?: tidemark.v1.Event.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Event id. */
            id: string;

            /** Event tenant. */
            tenant: string;

            /** Event name. */
            name: string;

            /** Event timestamp. */
            timestamp: (number|Long);

            /** Event sentAt. */
            sentAt: (number|Long);

            /** Event receivedAt. */
            receivedAt: (number|Long);

            /** Event userId. */
            userId: string;

            /** Event anonymousId. */
            anonymousId: string;

            /** Event sessionId. */
            sessionId: string;

            /** Event properties. */
            properties: { [k: string]: tidemark.v1.Value.$Properties };

            /** Event context. */
            context?: (tidemark.v1.Context.$Properties|null);

            /**
             * Creates a new Event instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Event instance
             */
            static create(properties: tidemark.v1.Event.$Shape): tidemark.v1.Event & tidemark.v1.Event.$Shape;
            static create(properties?: tidemark.v1.Event.$Properties): tidemark.v1.Event;

            /**
             * Encodes the specified Event message. Does not implicitly {@link tidemark.v1.Event.verify|verify} messages.
             * @param m Event message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: tidemark.v1.Event.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Event message, length delimited. Does not implicitly {@link tidemark.v1.Event.verify|verify} messages.
             * @param message Event message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: tidemark.v1.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {tidemark.v1.Event & tidemark.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidemark.v1.Event & tidemark.v1.Event.$Shape;

            /**
             * Decodes an Event message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {tidemark.v1.Event & tidemark.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tidemark.v1.Event & tidemark.v1.Event.$Shape;

            /**
             * Verifies an Event message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Event
             */
            static fromObject(d: { [k: string]: any }): tidemark.v1.Event;

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @param m Event
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: tidemark.v1.Event, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Event to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Event
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Event {

            /** Properties of an Event. */
            interface $Properties {

                /** Event id */
                id?: (string|null);

                /** Event tenant */
                tenant?: (string|null);

                /** Event name */
                name?: (string|null);

                /** Event timestamp */
                timestamp?: (number|Long|null);

                /** Event sentAt */
                sentAt?: (number|Long|null);

                /** Event receivedAt */
                receivedAt?: (number|Long|null);

                /** Event userId */
                userId?: (string|null);

                /** Event anonymousId */
                anonymousId?: (string|null);

                /** Event sessionId */
                sessionId?: (string|null);

                /** Event properties */
                properties?: ({ [k: string]: tidemark.v1.Value.$Properties }|null);

                /** Event context */
                context?: (tidemark.v1.Context.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Event. */
            type $Shape = {
              id?: string|null;
              tenant?: string|null;
              name?: string|null;
              timestamp?: number|Long|null;
              sentAt?: number|Long|null;
              receivedAt?: number|Long|null;
              userId?: string|null;
              anonymousId?: string|null;
              sessionId?: string|null;
              properties?: { [k: string]: tidemark.v1.Value.$Shape }|null;
              context?: tidemark.v1.Context.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a Value.
         * @deprecated Use tidemark.v1.Value.$Properties instead.
         */
        interface IValue extends tidemark.v1.Value.$Properties {
        }

        /** Represents a Value. */
        class Value {

            /**
             * Constructs a new Value.
             * @param [p] Properties to set
             */
            constructor(p?: tidemark.v1.Value.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Value stringValue. */
            stringValue?: (string|null);

            /** Value numberValue. */
            numberValue?: (number|null);

            /** Value boolValue. */
            boolValue?: (boolean|null);

            /** Value kind. */
            kind?: ("stringValue"|"numberValue"|"boolValue");

            /**
             * Creates a new Value instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Value instance
             */
            static create(properties: tidemark.v1.Value.$Shape): tidemark.v1.Value & tidemark.v1.Value.$Shape;
            static create(properties?: tidemark.v1.Value.$Properties): tidemark.v1.Value;

            /**
             * Encodes the specified Value message. Does not implicitly {@link tidemark.v1.Value.verify|verify} messages.
             * @param m Value message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: tidemark.v1.Value.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Value message, length delimited. Does not implicitly {@link tidemark.v1.Value.verify|verify} messages.
             * @param message Value message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: tidemark.v1.Value.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {tidemark.v1.Value & tidemark.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidemark.v1.Value & tidemark.v1.Value.$Shape;

            /**
             * Decodes a Value message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {tidemark.v1.Value & tidemark.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tidemark.v1.Value & tidemark.v1.Value.$Shape;

            /**
             * Verifies a Value message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Value message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Value
             */
            static fromObject(d: { [k: string]: any }): tidemark.v1.Value;

            /**
             * Creates a plain object from a Value message. Also converts values to other types if specified.
             * @param m Value
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: tidemark.v1.Value, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Value to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Value
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Value {

            /** Properties of a Value. */
            interface $Properties {

                /** Value stringValue */
                stringValue?: (string|null);

                /** Value numberValue */
                numberValue?: (number|null);

                /** Value boolValue */
                boolValue?: (boolean|null);

                /** Value kind */
                kind?: ("stringValue"|"numberValue"|"boolValue");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Value. */
            type $Shape = {
              stringValue?: string|null;
              numberValue?: number|null;
              boolValue?: boolean|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; stringValue?: null; numberValue?: null; boolValue?: null }|{ kind?: "stringValue"; stringValue: string; numberValue?: null; boolValue?: null }|{ kind?: "numberValue"; stringValue?: null; numberValue: number; boolValue?: null }|{ kind?: "boolValue"; stringValue?: null; numberValue?: null; boolValue: boolean })
            );
        }

        /**
         * Properties of a Context.
         * @deprecated Use tidemark.v1.Context.$Properties instead.
         */
        interface IContext extends tidemark.v1.Context.$Properties {
        }

        /** Represents a Context. */
        class Context {

            /**
             * Constructs a new Context.
             * @param [p] Properties to set
             */
            constructor(p?: tidemark.v1.Context.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Context userAgent. */
            userAgent: string;

            /** Context ip. */
            ip: string;

            /** Context sdkName. */
            sdkName: string;

            /** Context sdkVersion. */
            sdkVersion: string;

            /** Context transport. */
            transport: tidemark.v1.Transport;

            /**
             * Creates a new Context instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Context instance
             */
            static create(properties: tidemark.v1.Context.$Shape): tidemark.v1.Context & tidemark.v1.Context.$Shape;
            static create(properties?: tidemark.v1.Context.$Properties): tidemark.v1.Context;

            /**
             * Encodes the specified Context message. Does not implicitly {@link tidemark.v1.Context.verify|verify} messages.
             * @param m Context message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: tidemark.v1.Context.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Context message, length delimited. Does not implicitly {@link tidemark.v1.Context.verify|verify} messages.
             * @param message Context message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: tidemark.v1.Context.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Context message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {tidemark.v1.Context & tidemark.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidemark.v1.Context & tidemark.v1.Context.$Shape;

            /**
             * Decodes a Context message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {tidemark.v1.Context & tidemark.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tidemark.v1.Context & tidemark.v1.Context.$Shape;

            /**
             * Verifies a Context message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Context message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Context
             */
            static fromObject(d: { [k: string]: any }): tidemark.v1.Context;

            /**
             * Creates a plain object from a Context message. Also converts values to other types if specified.
             * @param m Context
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: tidemark.v1.Context, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Context to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Context
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Context {

            /** Properties of a Context. */
            interface $Properties {

                /** Context userAgent */
                userAgent?: (string|null);

                /** Context ip */
                ip?: (string|null);

                /** Context sdkName */
                sdkName?: (string|null);

                /** Context sdkVersion */
                sdkVersion?: (string|null);

                /** Context transport */
                transport?: (tidemark.v1.Transport|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Context. */
            type $Shape = tidemark.v1.Context.$Properties;
        }

        /** Transport enum. */
        enum Transport {

            /** TRANSPORT_UNSPECIFIED value */
            TRANSPORT_UNSPECIFIED = 0,

            /** TRANSPORT_HTTP value */
            TRANSPORT_HTTP = 1,

            /** TRANSPORT_BEACON value */
            TRANSPORT_BEACON = 2,

            /** TRANSPORT_WEBSOCKET value */
            TRANSPORT_WEBSOCKET = 3,

            /** TRANSPORT_COMET_STREAM value */
            TRANSPORT_COMET_STREAM = 4,

            /** TRANSPORT_COMET_POLL value */
            TRANSPORT_COMET_POLL = 5
        }

        /**
         * Properties of an EventBatch.
         * @deprecated Use tidemark.v1.EventBatch.$Properties instead.
         */
        interface IEventBatch extends tidemark.v1.EventBatch.$Properties {
        }

        /** Represents an EventBatch. */
        class EventBatch {

            /**
             * Constructs a new EventBatch.
             * @param [p] Properties to set
             */
            constructor(p?: tidemark.v1.EventBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EventBatch events. */
            events: tidemark.v1.Event.$Properties[];

            /** EventBatch seq. */
            seq: (number|Long);

            /** EventBatch sentAt. */
            sentAt: (number|Long);

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EventBatch instance
             */
            static create(properties: tidemark.v1.EventBatch.$Shape): tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape;
            static create(properties?: tidemark.v1.EventBatch.$Properties): tidemark.v1.EventBatch;

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link tidemark.v1.EventBatch.verify|verify} messages.
             * @param m EventBatch message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: tidemark.v1.EventBatch.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified EventBatch message, length delimited. Does not implicitly {@link tidemark.v1.EventBatch.verify|verify} messages.
             * @param message EventBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: tidemark.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape;

            /**
             * Decodes an EventBatch message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tidemark.v1.EventBatch & tidemark.v1.EventBatch.$Shape;

            /**
             * Verifies an EventBatch message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns EventBatch
             */
            static fromObject(d: { [k: string]: any }): tidemark.v1.EventBatch;

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @param m EventBatch
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: tidemark.v1.EventBatch, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EventBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EventBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EventBatch {

            /** Properties of an EventBatch. */
            interface $Properties {

                /** EventBatch events */
                events?: (tidemark.v1.Event.$Properties[]|null);

                /** EventBatch seq */
                seq?: (number|Long|null);

                /** EventBatch sentAt */
                sentAt?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EventBatch. */
            type $Shape = {
              events?: tidemark.v1.Event.$Shape[]|null;
              seq?: number|Long|null;
              sentAt?: number|Long|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of an InvalidEvent.
         * @deprecated Use tidemark.v1.InvalidEvent.$Properties instead.
         */
        interface IInvalidEvent extends tidemark.v1.InvalidEvent.$Properties {
        }

        /** Represents an InvalidEvent. */
        class InvalidEvent {

            /**
             * Constructs a new InvalidEvent.
             * @param [p] Properties to set
             */
            constructor(p?: tidemark.v1.InvalidEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InvalidEvent tenant. */
            tenant: string;

            /** InvalidEvent head. */
            head: Uint8Array;

            /** InvalidEvent size. */
            size: number;

            /** InvalidEvent sha256. */
            sha256: Uint8Array;

            /** InvalidEvent code. */
            code: string;

            /** InvalidEvent reason. */
            reason: string;

            /** InvalidEvent transport. */
            transport: tidemark.v1.Transport;

            /** InvalidEvent receivedAt. */
            receivedAt: (number|Long);

            /**
             * Creates a new InvalidEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InvalidEvent instance
             */
            static create(properties: tidemark.v1.InvalidEvent.$Shape): tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape;
            static create(properties?: tidemark.v1.InvalidEvent.$Properties): tidemark.v1.InvalidEvent;

            /**
             * Encodes the specified InvalidEvent message. Does not implicitly {@link tidemark.v1.InvalidEvent.verify|verify} messages.
             * @param m InvalidEvent message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: tidemark.v1.InvalidEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified InvalidEvent message, length delimited. Does not implicitly {@link tidemark.v1.InvalidEvent.verify|verify} messages.
             * @param message InvalidEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: tidemark.v1.InvalidEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InvalidEvent message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape} InvalidEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape;

            /**
             * Decodes an InvalidEvent message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape} InvalidEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tidemark.v1.InvalidEvent & tidemark.v1.InvalidEvent.$Shape;

            /**
             * Verifies an InvalidEvent message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an InvalidEvent message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns InvalidEvent
             */
            static fromObject(d: { [k: string]: any }): tidemark.v1.InvalidEvent;

            /**
             * Creates a plain object from an InvalidEvent message. Also converts values to other types if specified.
             * @param m InvalidEvent
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: tidemark.v1.InvalidEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this InvalidEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for InvalidEvent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InvalidEvent {

            /** Properties of an InvalidEvent. */
            interface $Properties {

                /** InvalidEvent tenant */
                tenant?: (string|null);

                /** InvalidEvent head */
                head?: (Uint8Array|null);

                /** InvalidEvent size */
                size?: (number|null);

                /** InvalidEvent sha256 */
                sha256?: (Uint8Array|null);

                /** InvalidEvent code */
                code?: (string|null);

                /** InvalidEvent reason */
                reason?: (string|null);

                /** InvalidEvent transport */
                transport?: (tidemark.v1.Transport|null);

                /** InvalidEvent receivedAt */
                receivedAt?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InvalidEvent. */
            type $Shape = tidemark.v1.InvalidEvent.$Properties;
        }
    }
}
