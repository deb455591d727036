// A real OpenID Connect provider (npm oidc-provider) for the host's tests: RS256 JWT access tokens for the
// SmpAcademy API by the client-credentials grant. Each client stands for one user; its token carries the claims
// the test gave it (as a real provider would from its directory), under whatever names the test chose.
// With SMP_CONSOLE_REDIRECT set, also the consoles' public client "smp-console" (authorization code + PKCE, redirect
// to that URL): people sign in on the provider's own login page as any of the users (any password), and the
// users' claims come from userinfo under the scope "smp".
//   node oidc.mjs <port> <clients.json>   clients.json: [{ "id": "ada", "claims": { "smp_role": "Trainee" } }, …]
// Prints "ready <issuer>" once it listens.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, clientsFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(readFileSync(clientsFile, 'utf8'));
const audience = process.env.SMP_AUDIENCE ?? 'smpacademy';

const consoleRedirect = process.env.SMP_CONSOLE_REDIRECT;
const claimsOf = (id) => users.find((u) => u.id === id)?.claims ?? {};
const claimNames = [...new Set(users.flatMap((u) => Object.keys(u.claims)))];

const provider = new Provider(issuer, {
  clients: [
    ...users.map((u) => ({ client_id: u.id, client_secret: 'secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
    ...(consoleRedirect
      ? [{ client_id: 'smp-console', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [consoleRedirect], post_logout_redirect_uris: [new URL('/', consoleRedirect).href] }]
      : []),
  ],
  claims: { openid: ['sub'], smp: claimNames },
  findAccount: (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...claimsOf(id) }) }),
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: Boolean(consoleRedirect) },
    resourceIndicators: {
      enabled: true,
      // The consoles' sign-in asks for no API token: its access token is only for userinfo.
      defaultResource: (ctx, client) => (client?.clientId === 'smp-console' ? undefined : 'urn:smpacademy'),
      getResourceServerInfo: () => ({ scope: 'api', audience, accessTokenTTL: Number(process.env.SMP_TOKEN_TTL ?? 600), accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  ttl: { ClientCredentials: Number(process.env.SMP_TOKEN_TTL ?? 600) },
  extraTokenClaims: (ctx, token) => ({ sub: token.clientId, ...users.find((u) => u.id === token.clientId)?.claims }),
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
