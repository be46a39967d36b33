// Stands in for @actions/http-client in the bundled actions. @actions/core imports it only for OIDC
// tokens (core.getIDToken), which oncall-as-code never asks for; the real module brings undici, whose
// start-up is a tenth of an action's cold start. Every GitHub call goes through Octokit instead.
const unavailable = () => {
  throw new Error("@actions/http-client is not bundled into oncall-as-code actions (OIDC tokens are not used).");
};
export class HttpClient {
  constructor() {
    unavailable();
  }
}
export class BearerCredentialHandler {
  constructor() {
    unavailable();
  }
}
