export { ensureLocalSigningKey, mintLocalToken } from './local-signing-key';
export { TokenRejected, TokenVerifier } from './token-verifier';
