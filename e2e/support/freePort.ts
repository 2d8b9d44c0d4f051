export { freePort } from '../../server/test/support/freePort';
