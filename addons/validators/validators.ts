import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import { helmRelease } from "../shared/helmRelease";
import { keyCheck } from "./keyCheck";
import { ValidatorsConfig, ValidatorPlacement, validatorReplicas, validatorValues } from "./values";

export interface ValidatorsArgs {
  config: Pick<DalpConfig, "charts">;
  validators: ValidatorsConfig;
  placement: ValidatorPlacement;
  /** The registry password, a secret; present exactly when `charts.registry` is configured. */
  registryPassword?: pulumi.Output<string>;
  /** Resources that must exist before anything is created (node pools, storage class). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** Helm release name of the validator chart in every region. */
export const VALIDATORS_RELEASE = "validators";

/** Host of an oci:// or https:// repository, to tell whether the registry's credentials apply to it. */
const hostOf = (repository: string) => repository.replace(/^[a-z]+:\/\//, "").split("/")[0];

/**
 * The deployment's network nodes in one region: their namespace, the configured chart at the count the
 * topology gives the region (configured replicas where validators are on, zero where off: staged, keys
 * referenced, nothing signing), and two guards that one key never signs in two regions at once:
 * - where validators are off, a ResourceQuota of zero long-running pods in the namespace: the API server then
 *   refuses any validator pod, whatever the chart's values, an `kubectl scale` or an autoscaler ask for
 *   (Kubernetes docs, Resource Quotas: quota is enforced at creation; scope NotTerminating). It does not
 *   stop pods that already run, which is why the count is zero as well. Always declared, its limit changed in
 *   place, so a failover targeted at the surviving region updates it there (a deleted quota would not be in
 *   the targeted set and would stay);
 * - a check, in the region, that every key Secret exists (./keyCheck.ts), before the release.
 * The release's values and the pods' annotations name the region, the active region and the region's state.
 */
export class Validators extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly quota: k8s.core.v1.ResourceQuota;
  readonly keyCheck: k8s.batch.v1.Job;
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: ValidatorsArgs, opts: pulumi.ComponentResourceOptions) {
    const { validators, placement } = args;
    const replicas = validatorReplicas(validators, placement.state);
    // The component's inputs say where this region stands, so a policy reads it from the graph.
    super("dalp:addons:Validators", name, { region: placement.region, activeRegion: placement.activeRegion, validators: placement.state, replicas, keySecrets: validators.keySecrets }, opts);
    const ns = validators.namespace;
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: ns } }, { parent: this, dependsOn: args.dependsOn });
    const inNamespace = { parent: this, dependsOn: [this.namespace] };

    this.quota = new k8s.core.v1.ResourceQuota(
      `${name}-off-guard`,
      { metadata: { name: "validators-off", namespace: ns }, spec: { scopes: ["NotTerminating"], hard: placement.state === "off" ? { pods: "0" } : {} } },
      inNamespace,
    );

    let pullSecret: k8s.core.v1.Secret | undefined;
    let repositoryAuth: { username?: pulumi.Input<string>; password?: pulumi.Input<string> } = {};
    const registry = args.config.charts.registry;
    if (registry && args.registryPassword) {
      const { server, username, imagePullSecret } = registry;
      if (hostOf(validators.repository) === server) repositoryAuth = { username, password: args.registryPassword };
      const auth = args.registryPassword.apply((p) => Buffer.from(`${username}:${p}`).toString("base64"));
      pullSecret = new k8s.core.v1.Secret(
        `${name}-registry-secret`,
        {
          metadata: { name: imagePullSecret, namespace: ns },
          type: "kubernetes.io/dockerconfigjson",
          stringData: { ".dockerconfigjson": pulumi.jsonStringify({ auths: { [server]: { username, password: args.registryPassword, auth } } }) },
        },
        inNamespace,
      );
    }

    this.keyCheck = keyCheck(`${name}-key-check`, { namespace: ns, keySecrets: validators.keySecrets, placement: { activeRegion: placement.activeRegion, state: placement.state }, dependsOn: [this.namespace] }, this);

    const oci = validators.repository.startsWith("oci://");
    this.release = helmRelease(
      name,
      {
        chart: oci ? `${validators.repository.replace(/\/$/, "")}/${validators.chart}` : validators.chart,
        version: validators.version,
        repositoryOpts: { ...(oci ? {} : { repo: validators.repository }), ...repositoryAuth },
      },
      { releaseName: VALIDATORS_RELEASE, namespace: ns, values: validatorValues(validators, placement, pullSecret ? registry?.imagePullSecret : undefined), timeoutSeconds: 900 },
      { parent: this, dependsOn: [this.quota, this.keyCheck, ...(pullSecret ? [pullSecret] : [])] },
    );
    this.registerOutputs({ namespace: ns, release: this.release.name, replicas, validators: placement.state });
  }
}
