// While the user signs out, the requests still in flight get 401s once the session is gone, and the live
// channels are closed and ask again for a ticket. Those are expected and must not send the user to "your
// session expired" instead of the plain sign-in page that the sign-out itself goes to.
let signingOut = false;

export function setSigningOut(value: boolean): void {
  signingOut = value;
}

/** A sign-out is under way: live channels closed by it are not reopened (their ticket would be refused). */
export function isSigningOut(): boolean {
  return signingOut;
}

/** The session ended under the user (expired, revoked): back to sign in, saying why; not during a sign-out. */
export function signInAgainAsExpired(): void {
  if (!signingOut) window.location.assign('/sign-in?expired=1');
}
