import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** A port a Gateway listens on (`Server.port` of networking.istio.io/v1alpha3). */
export interface GatewayPort {
  readonly number: number;
  /** Unique within the Gateway. */
  readonly name: string;
  /** HTTP, HTTPS, GRPC, HTTP2, MONGO or TCP. */
  readonly protocol: string;
}

/** How a server terminates TLS (`Server.TLSOptions`), with certificate files in the gateway pods. */
export interface GatewayTls {
  /** SIMPLE, MUTUAL or PASSTHROUGH. */
  readonly mode: string;
  readonly serverCertificate?: string;
  readonly privateKey?: string;
}

export interface GatewayServer {
  readonly port: GatewayPort;
  /** Hosts exposed on the port; `*` for TCP servers, which have no host to match. */
  readonly hosts: readonly string[];
  /** @default - no TLS options */
  readonly tls?: GatewayTls;
}

export interface IstioGatewayProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the gateway pods that get these listeners. */
  readonly selector: Readonly<Record<string, string>>;
  readonly servers: readonly GatewayServer[];
}

/**
 * An Istio 1.0 Gateway (networking.istio.io/v1alpha3): listeners on the pods
 * of an ingress or egress gateway. Only the fields this project sets.
 */
export class IstioGateway extends Construct {
  public static readonly API_VERSION = 'networking.istio.io/v1alpha3';
  public readonly name: string;
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: IstioGatewayProps) {
    super(scope, id);
    if (props.servers.length === 0) {
      throw new Error(`Gateway ${props.namespace}/${props.name} has no servers: give it at least one port to listen on`);
    }
    const names = props.servers.map((s) => s.port.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) {
      throw new Error(`Gateway ${props.namespace}/${props.name} names two ports ${JSON.stringify(duplicate)}: Istio requires unique port names`);
    }
    this.name = props.name;
    this.namespace = props.namespace;
    new ApiObject(this, 'Resource', {
      apiVersion: IstioGateway.API_VERSION,
      kind: 'Gateway',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        selector: { ...props.selector },
        servers: props.servers.map((s) => ({
          port: { number: s.port.number, name: s.port.name, protocol: s.port.protocol },
          hosts: [...s.hosts],
          tls: s.tls && { ...s.tls },
        })),
      },
    });
  }
}
