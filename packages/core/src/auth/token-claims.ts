export type Audience = 'ingest' | 'query' | 'admin';

export const audiences: readonly Audience[] = ['ingest', 'query', 'admin'];

/** `sub` of an operator token that spans tenants; only ever valid for the admin audience. */
export const operatorTenant = '*';

/** `iss` of every token, unless a deployment sets its own (TIDEMARK_ISSUER). */
export const defaultIssuer = 'tidemark';

/** The only signature algorithm Tidemark mints or accepts. */
export const tokenAlgorithm = 'EdDSA';

/**
 * Tenants end up in index and keyspace-adjacent names (`<prefix>-<tenant>-<view>-g<n>`), so they are kept
 * to lowercase letters, digits, `_` and `-`.
 */
const tenantPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function audienceClaim(audience: Audience): string {
  return `tidemark:${audience}`;
}

export function audienceFromClaim(claim: unknown): Audience | undefined {
  return audiences.find((audience) => audienceClaim(audience) === claim);
}

export function isAudience(value: string): value is Audience {
  return (audiences as readonly string[]).includes(value);
}

/** Why a (tenant, audience) pair may not be minted, or undefined when it may. */
export function tenantProblem(tenant: string, audience: Audience): string | undefined {
  if (tenant === operatorTenant) {
    return audience === 'admin'
      ? undefined
      : `operator tokens (tenant '*') are only for ${audienceClaim('admin')}, not ${audienceClaim(audience)}`;
  }
  return tenantPattern.test(tenant)
    ? undefined
    : `invalid tenant ${JSON.stringify(tenant)}: use 1-63 of a-z, 0-9, '_' and '-', starting with a letter or digit`;
}
