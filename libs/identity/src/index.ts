export { ensureLocalSigningKey, mintLocalToken } from './local-signing-key';
export { OidcSignIn, SignInFailed } from './oidc-sign-in';
export type { PendingSignIn } from './oidc-sign-in';
export { TokenRejected, TokenVerifier } from './token-verifier';
