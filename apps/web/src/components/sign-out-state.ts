// While the user signs out, the requests still in flight get 401s once the session is gone. Those are expected
// and must not send the user to "your session expired" instead of the plain sign-in page.
let signingOut = false;

export function setSigningOut(value: boolean): void {
  signingOut = value;
}

export function isSigningOut(): boolean {
  return signingOut;
}
