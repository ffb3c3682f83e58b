import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import type { BucketsPort, CachePort, IngressPort, PostgresPort, WorkloadIdentityPort } from "../../ports/adapter";
import type { Stamp } from "../../topology/types";
import { helmRelease } from "../shared/helmRelease";
import { DALP_APP_LABEL, DALP_SERVICE_ACCOUNT } from "../shared/labels";
import { serviceDisruptionBudgets } from "./disruptionBudgets";
import { dalpValues, DALP_SECRETS, supportValues } from "./values";

export interface DalpApplicationArgs {
  config: Pick<DalpConfig, "charts">;
  postgres: PostgresPort;
  cache: CachePort;
  buckets: BucketsPort;
  identity: WorkloadIdentityPort;
  /**
   * The region's public entry, for the support chart's ingress controller. Absent for a restore drill, which
   * installs the `dalp` chart alone: the support chart holds the bundled datastores (off) and the ingress
   * controller, and a drill takes no traffic.
   */
  ingress?: IngressPort;
  /** Whether the region's DALP runs: serving or warm (running, no traffic), or isolated (scaled to zero). */
  workloads: Stamp["workloads"];
  /** The registry password, a secret; present exactly when `charts.registry` is configured. */
  registryPassword?: pulumi.Output<string>;
  /** Resources that must exist before anything is created (node pools, storage class). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
  /**
   * Resources the charts (not the namespace) are installed after: Velero, whose CRDs a chart that renders
   * Velero objects needs.
   */
  installAfter: pulumi.Resource[];
  /**
   * What must happen after the namespace, its Secrets and service account exist and before the charts: a
   * Velero restore of the namespace (hot-cold's rebuild), which leaves what exists alone and whose restored
   * objects the charts then adopt.
   */
  beforeCharts?: (created: pulumi.Resource[]) => pulumi.Resource;
}

/**
 * The DALP `support` and `dalp` charts in their namespace, wired to the managed data services through
 * Kubernetes Secrets (connection details and credentials never appear in Helm values), with a disruption
 * budget for every DALP service that runs more than one replica.
 */
export class DalpApplication extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly secrets: k8s.core.v1.Secret[];
  readonly support?: k8s.helm.v3.Release;
  readonly dalp: k8s.helm.v3.Release;
  readonly disruptionBudgets: k8s.policy.v1.PodDisruptionBudget[];

  constructor(name: string, args: DalpApplicationArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:DalpApplication", name, {}, opts);
    const { charts } = args.config;
    const labels = { ...DALP_APP_LABEL };

    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: charts.namespace, labels } }, { parent: this, dependsOn: args.dependsOn });
    const ns = this.namespace.metadata.name;
    const inNamespace = { parent: this, dependsOn: [this.namespace] };
    const secret = (suffix: string, secretName: string, stringData: Record<string, pulumi.Input<string>>, type = "Opaque") =>
      new k8s.core.v1.Secret(`${name}-${suffix}`, { metadata: { name: secretName, namespace: ns, labels }, type, stringData }, inNamespace);

    const pg = args.postgres;
    const cache = args.cache;
    this.secrets = [
      secret("postgres-secret", DALP_SECRETS.postgres, {
        host: pg.host,
        port: pg.port.apply(String),
        database: pg.database,
        username: pg.username,
        password: pg.password,
        sslmode: pg.sslMode,
        url: pulumi.interpolate`postgresql://${pg.username}:${pg.password.apply(encodeURIComponent)}@${pg.host}:${pg.port}/${pg.database}?sslmode=${pg.sslMode}`,
      }),
      secret("cache-secret", DALP_SECRETS.cache, {
        host: cache.host,
        port: cache.port.apply(String),
        password: cache.password,
        tls: String(cache.tls),
        url: pulumi.interpolate`${cache.tls ? "rediss" : "redis"}://:${cache.password.apply(encodeURIComponent)}@${cache.host}:${cache.port}`,
        ...(cache.caCertificate ? { "ca.crt": cache.caCertificate } : {}),
      }),
      secret("object-storage-secret", DALP_SECRETS.objectStorage, {
        provider: args.buckets.provider,
        bucket: args.buckets.app.name,
        region: args.buckets.app.region,
        endpoint: args.buckets.app.endpoint,
      }),
    ];

    let pullSecret: string | undefined;
    let repositoryAuth: { username?: pulumi.Input<string>; password?: pulumi.Input<string> } = {};
    if (charts.registry && args.registryPassword) {
      const { server, username, imagePullSecret } = charts.registry;
      pullSecret = imagePullSecret;
      repositoryAuth = { username, password: args.registryPassword };
      const auth = args.registryPassword.apply((p) => Buffer.from(`${username}:${p}`).toString("base64"));
      this.secrets.push(
        secret("registry-secret", imagePullSecret, {
          ".dockerconfigjson": pulumi.jsonStringify({ auths: { [server]: { username, password: args.registryPassword, auth } } }),
        }, "kubernetes.io/dockerconfigjson"),
      );
    }

    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      { metadata: { name: DALP_SERVICE_ACCOUNT, namespace: ns, labels, annotations: args.identity.serviceAccountAnnotations } },
      { parent: this, dependsOn: [this.namespace, ...args.identity.ready] },
    );

    const release = (chartName: "support" | "dalp", version: string, values: pulumi.Input<Record<string, unknown>>, dependsOn: pulumi.Resource[]) => {
      const oci = charts.repository.startsWith("oci://");
      return helmRelease(
        `${name}-${chartName}`,
        {
          chart: oci ? `${charts.repository.replace(/\/$/, "")}/${chartName}` : chartName,
          version,
          repositoryOpts: { ...(oci ? {} : { repo: charts.repository }), ...repositoryAuth },
        },
        { releaseName: chartName, namespace: ns, values, timeoutSeconds: 1200, adoptsRestored: args.beforeCharts !== undefined },
        { parent: this, dependsOn },
      );
    };
    const dalp = dalpValues(args.config, pullSecret, args.identity.podLabels, args.workloads === "isolated" ? "stopped" : args.workloads === "warm" ? "warm" : "running");
    // The budgets exist before the pods they protect, so no drain can take both replicas during the install.
    this.disruptionBudgets = serviceDisruptionBudgets(name, dalp, ns, inNamespace);
    const prepared = [...this.secrets, serviceAccount, ...this.disruptionBudgets];
    const restored = args.beforeCharts ? [args.beforeCharts(prepared)] : [];
    const first = [...prepared, ...args.installAfter, ...restored];
    const ingress = args.ingress;
    if (ingress) {
      const support = pulumi
        .output({ annotations: ingress.serviceAnnotations, service: ingress.serviceValues })
        .apply(({ annotations, service }) => supportValues(args.config, { ...service, annotations }));
      this.support = release("support", charts.supportVersion, support, [...first, ...ingress.ready]);
    }
    this.dalp = release("dalp", charts.dalpVersion, dalp, this.support ? [this.support, ...this.disruptionBudgets] : first);
    this.registerOutputs({ namespace: ns, dalp: this.dalp.name, ...(this.support ? { support: this.support.name } : {}) });
  }
}
