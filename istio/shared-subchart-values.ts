import { z } from 'zod';
import { computeResourcesSchema, countSchema } from './global-values';

/**
 * The values of the two subcharts Istio 1.0.7's `istio` and `istio-remote`
 * charts share, `security` (Citadel) and `sidecarInjectorWebhook`: the same
 * templates and defaults in both, so one schema serves both charts.
 */

/** `sidecarInjectorWebhook`: the automatic injector. */
export const sidecarInjectorWebhookSchema = z.strictObject({
  /** Install the injector webhook (the ConfigMap is written either way, for manual injection). @default true */
  enabled: z.boolean().default(true),
  /** @default 1 */
  replicaCount: countSchema.default(1),
  /** Image name under `global.hub`. @default 'sidecar_injector' */
  image: z.string().min(1).default('sidecar_injector'),
  /** Inject every namespace not labelled `istio-injection=disabled`, instead of only those labelled `enabled`. @default false */
  enableNamespacesByDefault: z.boolean().default(false),
  /** The injector container's resources. @default - global.defaultResources */
  resources: computeResourcesSchema.optional(),
  /** Replaces the subchart name in the `app` label. @default - the chart name, `sidecarInjectorWebhook` */
  nameOverride: z.string().optional(),
});
export type SidecarInjectorWebhookValues = z.output<typeof sidecarInjectorWebhookSchema>;

/** `security`: Citadel. */
export const securitySchema = z.strictObject({
  /** @default 1 */
  replicaCount: countSchema.default(1),
  /** Image name under `global.hub`. @default 'citadel' */
  image: z.string().min(1).default('citadel'),
  /** A self-signed root, or the CA from the `cacerts` Secret. @default true */
  selfSigned: z.boolean().default(true),
  /** Citadel's resources. @default - global.defaultResources */
  resources: computeResourcesSchema.optional(),
  /** Replaces the subchart name in the `app` label. @default - the chart name, `security` */
  nameOverride: z.string().optional(),
});
export type SecurityValues = z.output<typeof securitySchema>;
