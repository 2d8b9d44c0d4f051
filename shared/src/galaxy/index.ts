export * from './layout';
export * from './points';
export * from './chat';
