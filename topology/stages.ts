import type { Finding } from '../lib/finding';
import { schemaFindings } from '../lib/schema-findings';
import { checkCaConsistency } from './ca-consistency';
import { checkExposure } from './exposure-rules';
import { checkTopologyRules } from './rules';
import { meshTopologySchema, type MeshTopology } from './schema';

/**
 * A check that needs the control-plane addresses the remotes are given, so it
 * may only see a topology whose exposure is valid: the per-cluster plan's own
 * checks (plan/plan-checks.ts).
 */
export type AddressedCheck = (topology: MeshTopology) => Finding[];

/**
 * How far the stages go: `document` stops after the cross-cluster rules, for a
 * command that repairs the addresses the later stages check (`discover`); with
 * `addressed`, all four run.
 */
export type StageScope = 'document' | { readonly addressed: AddressedCheck };

export interface StagedFindings {
  /** The topology with every default applied, when its fields are valid. */
  readonly topology?: MeshTopology;
  /** Every stage's findings, errors and warnings, in stage order. */
  readonly findings: readonly Finding[];
}

const isError = (finding: Finding) => finding.severity !== 'warning';

/**
 * The checks of a topology document (already valid YAML), as stages; each runs
 * once, and sees only what the stages before it accepted:
 *
 * 1. fields: the schema, with every field's own rule (lib/fields.ts);
 * 2. cross-cluster: the rules between fields (rules.ts). They read only the
 *    document's well-typed fields, so they report alongside a field error;
 * 3. consistency: the exposure mode and the CA settings, on the typed topology;
 * 4. addressed: the scope's check, given the topology only when the exposure
 *    gave the remotes a Pilot address.
 *
 * Every stage in scope that can run does, so one run reports every problem.
 */
export function checkTopologyDocument(document: unknown, scope: StageScope): StagedFindings {
  const parsed = meshTopologySchema.safeParse(document);
  const fields = parsed.success ? [] : schemaFindings(parsed.error.issues, document, meshTopologySchema);
  const crossCluster = checkTopologyRules(document);
  if (!parsed.success || scope === 'document') {
    return { topology: parsed.data, findings: [...fields, ...crossCluster] };
  }
  const topology = parsed.data;
  const exposure = checkExposure(topology);
  const consistency = [...exposure, ...checkCaConsistency(topology)];
  const addressed = exposure.some(isError) ? [] : scope.addressed(topology);
  return { topology, findings: [...crossCluster, ...consistency, ...addressed] };
}
