export type * from './model/sip-uri';
export type * from './model/via';
export type * from './model/sdp';
export type * from './model/body';
export type * from './model/message';
export * from './model/parse-result';
export type * from './record/sip-record';
export * from './record/record-id';
export * from './record/device-directory';
