import { z } from 'zod';
import { Finding } from '../lib/finding';
import { HelmOverlay, mergeValues, overlaySchemaOf, valuesDefaults } from '../lib/helm-values';
import { chartOverlayFindings } from './chart-values-findings';
import { proxyResources, sharedGlobalFields, sharedProxyFields } from './global-values';
import { securitySchema, sidecarInjectorWebhookSchema } from './shared-subchart-values';

export type { ComputeResources } from './global-values';
export type { SecurityValues, SidecarInjectorWebhookValues } from './shared-subchart-values';

/**
 * The values of Istio 1.0.7's `istio-remote` chart and of the two subcharts it
 * pulls in (`security`, `sidecarInjectorWebhook`), with the chart's defaults:
 * one schema, from which the types, the defaults and the schema of one values
 * file come. Names follow the chart so that a Helm values file reads the same here.
 */
export const istioRemoteValuesSchema = z.strictObject({
  /** Read by the chart and both subcharts. */
  global: z
    .strictObject({
      ...sharedGlobalFields,
      /** The sidecar and its injection. */
      proxy: z
        .strictObject({
          ...sharedProxyFields,
          /** Sidecar resources written into the injection template; `null` unsets. @default { requests: { cpu: '100m', memory: '128Mi' } } */
          resources: proxyResources({ requests: { cpu: '100m', memory: '128Mi' } }),
        })
        .prefault({}),
      /** Create a selector-less `istio-pilot` Service and Endpoints pointing at `remotePilotAddress`. @default false */
      remotePilotCreateSvcEndpoint: z.boolean().default(false),
      /** Pilot of the control-plane cluster: an IP, or a host name the remote resolves. Required. @default '' */
      remotePilotAddress: z.string().default(''),
      /** Mixer policy; empty leaves policy checks out of the mesh config. @default '' */
      remotePolicyAddress: z.string().default(''),
      /** Mixer telemetry; empty leaves reports out of the mesh config. @default '' */
      remoteTelemetryAddress: z.string().default(''),
      /** Zipkin; empty leaves tracing out of the mesh config. @default '' */
      remoteZipkinAddress: z.string().default(''),
      /** Adds `--zipkinAddress` to the injected proxy's arguments when set (the address itself comes from the mesh config). @default '' */
      zipkinAddress: z.string().default(''),
    })
    .prefault({}),
  /** The automatic injector subchart. */
  sidecarInjectorWebhook: sidecarInjectorWebhookSchema.prefault({}),
  /** The Citadel subchart. */
  security: securitySchema.prefault({}),
  /** Replaces the chart name in the `app` label. @default - the chart name, `istio-remote` */
  nameOverride: z.string().optional(),
});

/** The whole values tree, after merging. */
export type IstioRemoteValues = z.output<typeof istioRemoteValuesSchema>;
/** `global`: read by the chart and both subcharts. */
export type IstioRemoteGlobalValues = IstioRemoteValues['global'];
/** One values file or `--set`, as a user writes it. */
export type IstioRemoteValuesOverlay = z.input<ReturnType<typeof overlayOf>>;

/** The chart's own `values.yaml`. */
export const ISTIO_REMOTE_DEFAULTS: IstioRemoteValues = valuesDefaults(istioRemoteValuesSchema);

/** The schema of one values file: every key optional, `null` where it unsets, unknown keys refused. */
export const istioRemoteValuesOverlaySchema = overlayOf();

function overlayOf() {
  return overlaySchemaOf(istioRemoteValuesSchema) as z.ZodType<HelmOverlay<IstioRemoteValues>, HelmOverlay<z.input<typeof istioRemoteValuesSchema>>>;
}

const MODEL = { chart: 'istio-remote', schema: istioRemoteValuesSchema, defaults: ISTIO_REMOTE_DEFAULTS };

/**
 * Checks one overlay against the chart's keys and types. Returns a Finding per
 * problem, with the path inside the overlay; empty when it is valid.
 */
export function checkIstioRemoteOverlay(overlay: unknown): Finding[] {
  return chartOverlayFindings(MODEL, overlay);
}

/** Merges overlays (values files, `--set`) over the chart's defaults, as Helm does. Validate each overlay first. */
export function mergeIstioRemoteValues(...overlays: readonly IstioRemoteValuesOverlay[]): IstioRemoteValues {
  return mergeValues(istioRemoteValuesSchema, ISTIO_REMOTE_DEFAULTS, overlays);
}
