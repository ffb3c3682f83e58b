import { autoName, MockContext, stableHash } from "./context";
import { gcpZonesOf } from "./gcpZones";

/**
 * Types the gcp provider auto-names through their `name` input when the program leaves it unset (the logical
 * name plus a random suffix, lower-case; here the suffix derives from the URN).
 */
const AUTONAMED = new Set([
  "gcp:compute/network:Network",
  "gcp:compute/subnetwork:Subnetwork",
  "gcp:compute/router:Router",
  "gcp:compute/routerNat:RouterNat",
  "gcp:compute/globalAddress:GlobalAddress",
  "gcp:compute/address:Address",
  "gcp:compute/healthCheck:HealthCheck",
  "gcp:compute/firewall:Firewall",
  "gcp:compute/networkPeering:NetworkPeering",
  "gcp:kms/keyRing:KeyRing",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:container/cluster:Cluster",
  "gcp:container/nodePool:NodePool",
  "gcp:sql/databaseInstance:DatabaseInstance",
  "gcp:redis/instance:Instance",
  "gcp:storage/bucket:Bucket",
]);

/** Types whose top-level label map (field named here) is merged with the provider's default labels. */
const LABELLED: Record<string, string> = {
  "gcp:compute/globalAddress:GlobalAddress": "labels",
  "gcp:compute/address:Address": "labels",
  "gcp:kms/cryptoKey:CryptoKey": "labels",
  "gcp:container/cluster:Cluster": "resourceLabels",
  "gcp:redis/instance:Instance": "labels",
  "gcp:storage/bucket:Bucket": "labels",
};

/** The project number a project id gets in the plan: 12 digits, stable, derived from the id. */
export function plannedProjectNumber(project: string): string {
  return (BigInt(`0x${stableHash(`project/${project}`, 12)}`) % 900000000000n + 100000000000n).toString();
}

function digits(hash: string, n: number): string {
  return (BigInt(`0x${hash.slice(0, 16)}`) % 10n ** BigInt(n)).toString().padStart(n, "1");
}

function pem(hash: string, subject: string): string {
  return `-----BEGIN CERTIFICATE-----\nplanned-${subject}-${hash}\n-----END CERTIFICATE-----\n`;
}

/**
 * Addresses handed out in the plan, keyed by the id and name of the subnet or allocated range that holds them,
 * so a Cloud SQL or Memorystore address lies in the private services range the program allocated. Keys carry
 * URN-derived suffixes, so several stacks planned in one process never share an entry.
 */
const RANGES = new Map<string, string>();

function addressIn(rangeKey: unknown, offset: number): string {
  const cidr = RANGES.get(String(rangeKey)) ?? "10.0.0.0/20";
  // The first two addresses of a GCP subnet are the network and its gateway.
  const first = cidr.split("/")[0].split(".").reduce((n, octet) => n * 256 + Number(octet), 0) + 2 + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join(".");
}

function mergedLabels(ctx: MockContext, field: string): Record<string, unknown> {
  const defaults = (ctx.providerInputs.defaultLabels ?? {}) as Record<string, unknown>;
  return { ...defaults, ...((ctx.inputs[field] as Record<string, unknown> | undefined) ?? {}) };
}

/** Answers for `gcp:` resources: inputs echoed, plus auto-names, ids in GCP's formats and the outputs the program reads. */
export function gcpResource(ctx: MockContext): { id: string; state: Record<string, unknown> } {
  const state: Record<string, unknown> = { ...ctx.inputs };
  const project = String(ctx.inputs.project ?? ctx.providerInputs.project ?? "planned-project");
  const region = String(ctx.inputs.region ?? ctx.providerInputs.region ?? "us-central1");
  if (AUTONAMED.has(ctx.type) && state.name === undefined) state.name = autoName(ctx);
  const name = String(state.name ?? autoName(ctx));
  const compute = (path: string) => ({ id: `projects/${project}/${path}`, selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/${path}` });
  let id = name;
  state.project = project;

  const labelField = LABELLED[ctx.type];
  if (labelField) {
    state.effectiveLabels = mergedLabels(ctx, labelField);
    state.pulumiLabels = state.effectiveLabels;
  }

  switch (ctx.type) {
    case "gcp:compute/network:Network": {
      const { id: nid, selfLink } = compute(`global/networks/${name}`);
      Object.assign(state, { selfLink, numericId: digits(ctx.hash, 19), gatewayIpv4: "" });
      id = nid;
      break;
    }
    case "gcp:compute/subnetwork:Subnetwork": {
      const { id: sid, selfLink } = compute(`regions/${region}/subnetworks/${name}`);
      RANGES.set(sid, String(ctx.inputs.ipCidrRange));
      RANGES.set(selfLink, String(ctx.inputs.ipCidrRange));
      Object.assign(state, { region, selfLink, gatewayAddress: String(ctx.inputs.ipCidrRange).replace(/\.0\/\d+$/, ".1"), fingerprint: ctx.hash.slice(0, 12) });
      id = sid;
      break;
    }
    case "gcp:compute/router:Router": {
      const { id: rid, selfLink } = compute(`regions/${region}/routers/${name}`);
      Object.assign(state, { region, selfLink, creationTimestamp: "2026-11-22T00:00:00.000-08:00" });
      id = rid;
      break;
    }
    case "gcp:compute/routerNat:RouterNat":
      id = `${project}/${region}/${String(ctx.inputs.router)}/${name}`;
      state.region = region;
      break;
    case "gcp:compute/globalAddress:GlobalAddress": {
      const { id: aid, selfLink } = compute(`global/addresses/${name}`);
      const cidr = `${String(ctx.inputs.address)}/${String(ctx.inputs.prefixLength)}`;
      RANGES.set(name, cidr);
      Object.assign(state, { selfLink, creationTimestamp: "2026-11-22T00:00:00.000-08:00" });
      id = aid;
      break;
    }
    case "gcp:compute/address:Address": {
      // A public address of the plan: in 34.0.0.0/8, Google's, derived from the URN so it is stable.
      const { id: aid, selfLink } = compute(`regions/${region}/addresses/${name}`);
      const octet = (i: number) => parseInt(ctx.hash.slice(i, i + 2), 16);
      Object.assign(state, { region, selfLink, address: `34.${octet(0)}.${octet(2)}.${octet(4) % 254 + 1}`, users: [], creationTimestamp: "2026-11-22T00:00:00.000-08:00" });
      id = aid;
      break;
    }
    case "gcp:compute/healthCheck:HealthCheck": {
      const { id: hid, selfLink } = compute(`global/healthChecks/${name}`);
      Object.assign(state, { selfLink, type: ctx.inputs.httpsHealthCheck ? "HTTPS" : "TCP", creationTimestamp: "2026-11-22T00:00:00.000-08:00" });
      id = hid;
      break;
    }
    case "gcp:dns/recordSet:RecordSet":
      id = `projects/${project}/managedZones/${String(ctx.inputs.managedZone)}/rrsets/${String(ctx.inputs.name)}/${String(ctx.inputs.type)}`;
      break;
    case "gcp:storage/transferJob:TransferJob":
      // Replication jobs take no custom name; Storage Transfer Service names them `transferJobs/<number>`.
      id = `transferJobs/${digits(ctx.hash, 19)}`;
      Object.assign(state, { name: id, creationTime: "2026-11-22T00:00:00Z", lastModificationTime: "2026-11-22T00:00:00Z", deletionTime: "" });
      break;
    case "gcp:compute/firewall:Firewall": {
      const { id: fid, selfLink } = compute(`global/firewalls/${name}`);
      Object.assign(state, { selfLink, creationTimestamp: "2026-11-22T00:00:00.000-08:00", disabled: false });
      id = fid;
      break;
    }
    case "gcp:compute/networkPeering:NetworkPeering": {
      // The provider's id is `<network name>/<peering name>`; a peering is ACTIVE once both halves exist.
      const networkName = String(ctx.inputs.network).split("/").pop();
      id = `${networkName}/${name}`;
      Object.assign(state, { state: "ACTIVE", stateDetails: "[2026-11-22T00:00:00.000-08:00]: Connected." });
      break;
    }
    case "gcp:servicenetworking/connection:Connection":
      id = `${encodeURIComponent(String(ctx.inputs.network))}:${String(ctx.inputs.service)}`;
      state.peering = "servicenetworking-googleapis-com";
      break;
    case "gcp:kms/keyRing:KeyRing":
      id = `projects/${project}/locations/${String(ctx.inputs.location)}/keyRings/${name}`;
      break;
    case "gcp:kms/cryptoKey:CryptoKey":
      id = `${String(ctx.inputs.keyRing)}/cryptoKeys/${name}`;
      state.primaries = [{ name: `${id}/cryptoKeyVersions/1`, state: "ENABLED" }];
      break;
    case "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember":
      id = `${String(ctx.inputs.cryptoKeyId)}/${String(ctx.inputs.role)}/${String(ctx.inputs.member)}`;
      state.etag = `BwY${ctx.hash.slice(0, 9)}=`;
      break;
    case "gcp:serviceaccount/account:Account": {
      const email = `${String(ctx.inputs.accountId)}@${project}.iam.gserviceaccount.com`;
      id = `projects/${project}/serviceAccounts/${email}`;
      Object.assign(state, { email, name: id, member: `serviceAccount:${email}`, uniqueId: digits(ctx.hash, 21), disabled: false });
      break;
    }
    case "gcp:serviceaccount/iAMMember:IAMMember":
      id = `${String(ctx.inputs.serviceAccountId)}/${String(ctx.inputs.role)}/${String(ctx.inputs.member)}`;
      state.etag = `BwY${ctx.hash.slice(0, 9)}=`;
      break;
    case "gcp:projects/iAMMember:IAMMember":
      id = `${project}/${String(ctx.inputs.role)}/${String(ctx.inputs.member)}`;
      state.etag = `BwY${ctx.hash.slice(0, 9)}=`;
      break;
    case "gcp:projects/iAMCustomRole:IAMCustomRole":
      id = `projects/${project}/roles/${String(ctx.inputs.roleId)}`;
      Object.assign(state, { name: id, deleted: false });
      break;
    case "gcp:storage/bucketIAMMember:BucketIAMMember":
      id = `b/${String(ctx.inputs.bucket)}/${String(ctx.inputs.role)}/${String(ctx.inputs.member)}`;
      state.etag = `CAE=`;
      break;
    case "gcp:container/cluster:Cluster": {
      const location = String(ctx.inputs.location ?? region);
      id = `projects/${project}/locations/${location}/clusters/${name}`;
      const privateConfig = (ctx.inputs.privateClusterConfig ?? {}) as Record<string, unknown>;
      // A Private Service Connect control plane takes its internal address from the endpoint subnet, else from
      // the node subnet (GKE "About network isolation", read 2026-12-01).
      const privateEndpoint = addressIn(privateConfig.privateEndpointSubnetwork ?? ctx.inputs.subnetwork, 0);
      const publicEndpoint = `34.${parseInt(ctx.hash.slice(0, 2), 16)}.${parseInt(ctx.hash.slice(2, 4), 16)}.${parseInt(ctx.hash.slice(4, 6), 16)}`;
      const endpoints = (ctx.inputs.controlPlaneEndpointsConfig ?? {}) as Record<string, Record<string, unknown> | undefined>;
      Object.assign(state, {
        endpoint: privateConfig.enablePrivateEndpoint ? privateEndpoint : publicEndpoint,
        privateClusterConfig: { ...privateConfig, privateEndpoint, publicEndpoint, peeringName: "" },
        // Every cluster has a DNS-based endpoint, `gke-<hex>.<region>.gke.goog`, whether or not it admits
        // user traffic (shape as in GoogleCloudPlatform/gcpdiag issue #115, read 2026-12-01).
        controlPlaneEndpointsConfig: {
          dnsEndpointConfig: { ...(endpoints.dnsEndpointConfig ?? {}), endpoint: `gke-${ctx.hash}${ctx.hash.slice(0, 4)}.${location}.gke.goog` },
          ipEndpointsConfig: { enabled: true, ...(endpoints.ipEndpointsConfig ?? {}) },
        },
        masterAuth: {
          ...((ctx.inputs.masterAuth ?? {}) as object),
          clusterCaCertificate: Buffer.from(pem(ctx.hash, "gke-ca")).toString("base64"),
          clientCertificate: "",
          clientKey: "",
        },
        masterVersion: "1.35.6-gke.1250000",
        selfLink: `https://container.googleapis.com/v1/${id}`,
        status: "RUNNING",
        operation: "",
        servicesIpv4Cidr: "",
      });
      break;
    }
    case "gcp:container/nodePool:NodePool": {
      id = `${String(ctx.inputs.cluster)}/nodePools/${name}`;
      const zones = (ctx.inputs.nodeLocations ?? []) as string[];
      Object.assign(state, {
        nodeCount: ctx.inputs.initialNodeCount,
        version: "1.35.6-gke.1250000",
        instanceGroupUrls: zones.map((z) => `https://www.googleapis.com/compute/v1/projects/${project}/zones/${z}/instanceGroupManagers/gke-${name}-grp`),
        managedInstanceGroupUrls: zones.map((z) => `https://www.googleapis.com/compute/v1/projects/${project}/zones/${z}/instanceGroups/gke-${name}-grp`),
      });
      break;
    }
    case "gcp:sql/databaseInstance:DatabaseInstance": {
      const settings = (ctx.inputs.settings ?? {}) as Record<string, unknown>;
      const ip = (settings.ipConfiguration ?? {}) as Record<string, unknown>;
      // A clone takes a new address in the range its clone context names ("The new instance has a new IP address",
      // Cloud SQL "Clone instances", read 2026-12-01), beside its source's.
      const clone = ctx.inputs.clone as Record<string, unknown> | undefined;
      const privateIp = clone ? addressIn(clone.allocatedIpRange ?? ip.allocatedIpRange, 5) : addressIn(ip.allocatedIpRange, 1);
      Object.assign(state, {
        connectionName: `${project}:${region}:${name}`,
        privateIpAddress: privateIp,
        publicIpAddress: "",
        firstIpAddress: privateIp,
        ipAddresses: [{ ipAddress: privateIp, type: "PRIVATE", timeToRetire: "" }],
        selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
        dnsName: `${ctx.hash.slice(0, 12)}.${region}.sql.goog.`,
        serviceAccountEmailAddress: `p${plannedProjectNumber(project)}-${ctx.hash.slice(0, 6)}@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
        serverCaCerts: [{ cert: pem(ctx.hash, "cloud-sql-server-ca"), commonName: `C=US,O=Google\\, Inc,CN=Google Cloud SQL Server CA,dnQualifier=${ctx.hash.slice(0, 8)}`, sha1Fingerprint: ctx.hash.slice(0, 40) }],
        settings: { ...settings, version: 1 },
      });
      break;
    }
    case "gcp:sql/database:Database":
      id = `projects/${project}/instances/${String(ctx.inputs.instance)}/databases/${name}`;
      state.selfLink = `https://sqladmin.googleapis.com/sql/v1beta4/${id}`;
      break;
    case "gcp:sql/user:User":
      id = `${name}//${String(ctx.inputs.instance)}`;
      break;
    case "gcp:redis/instance:Instance": {
      id = `projects/${project}/locations/${region}/instances/${name}`;
      const tls = ctx.inputs.transitEncryptionMode === "SERVER_AUTHENTICATION";
      const h = ctx.hash;
      // A Basic Tier instance is one node with no read endpoint (Memorystore "Redis tier capabilities", read
      // 2026-12-01); the provider's default tier is BASIC. Its address sits beside a Standard Tier one's.
      const basic = (ctx.inputs.tier ?? "BASIC") === "BASIC";
      Object.assign(state, {
        host: addressIn(ctx.inputs.reservedIpRange, basic ? 12 : 10),
        // Memorystore serves TLS on 6378 (Memorystore "In-transit encryption", read 2026-11-22).
        port: tls ? 6378 : 6379,
        readEndpoint: basic ? "" : addressIn(ctx.inputs.reservedIpRange, 11),
        readEndpointPort: basic ? 0 : tls ? 6378 : 6379,
        currentLocationId: ctx.inputs.locationId,
        authString: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
        serverCaCerts: [{ cert: pem(h, "memorystore-server-ca"), serialNumber: digits(h, 10), createTime: "2026-11-22T00:00:00Z", expireTime: "2036-11-20T00:00:00Z", sha1Fingerprint: h.slice(0, 40) }],
        nodes: basic ? [{ id: "node-0", zone: ctx.inputs.locationId }] : [{ id: "node-0", zone: ctx.inputs.locationId }, { id: "node-1", zone: ctx.inputs.alternativeLocationId }],
        persistenceIamIdentity: `serviceAccount:service-${plannedProjectNumber(project)}@cloud-redis.iam.gserviceaccount.com`,
      });
      break;
    }
    case "gcp:storage/bucket:Bucket":
      Object.assign(state, { url: `gs://${name}`, selfLink: `https://www.googleapis.com/storage/v1/b/${name}`, projectNumber: plannedProjectNumber(project) });
      break;
  }
  state.id = id;
  return { id, state };
}

/** Canned answers for the read-only GCP calls the program makes. */
export function gcpInvoke(token: string, args: Record<string, unknown>, providerInputs: Record<string, unknown>): Record<string, unknown> | undefined {
  const project = String(args.project ?? args.projectId ?? providerInputs.project ?? "planned-project");
  switch (token) {
    case "gcp:compute/getZones:getZones": {
      const region = String(args.region ?? providerInputs.region ?? "us-central1");
      return { id: `projects/${project}/regions/${region}`, names: gcpZonesOf(region), project, region, status: args.status };
    }
    case "gcp:projects/getProjectService:getProjectService":
      // The planned project has every API enabled; a real run asks Service Usage.
      return { id: `${project}/${String(args.service)}`, project, service: args.service, disableOnDestroy: true, disableDependentServices: false, checkIfServiceHasUsageOnDestroy: false, deletionPolicy: "" };
    case "gcp:organizations/getProject:getProject":
      return {
        id: `projects/${project}`,
        projectId: project,
        name: project,
        number: plannedProjectNumber(project),
        orgId: "",
        folderId: "",
        billingAccount: "",
        autoCreateNetwork: true,
        deletionPolicy: "PREVENT",
        labels: {},
        effectiveLabels: {},
        pulumiLabels: {},
        tags: {},
      };
    // The planner has no cloud to ask: a database the stack is about to promote (a re-seeded replica) exists.
    // Whether it really does is what `dalp-ha diff` judges against a state, and the cloud against itself.
    case "gcp:sql/getDatabaseInstances:getDatabaseInstances": {
      // The stack's primary and one re-seeded instance in the region, named as pulumi-gcp generates them and
      // labelled as the stack's providers label everything (the same labels in every region).
      const region = String(args.region);
      const userLabels = (providerInputs.defaultLabels as Record<string, string> | undefined) ?? {};
      const instance = (name: string) => ({ name, project: args.project, region, databaseVersion: "POSTGRES_17", settings: [{ userLabels }] });
      return { id: `${String(args.project)}/${region}`, project: args.project, region, instances: [instance(`${region}-postgres-instance-0000000`), instance(`${region}-postgres-reseeded-instance-0000000`)] };
    }
    case "gcp:sql/getBackupRun:getBackupRun": {
      // The instance's latest automated backup: finished, taken after the 00:00 UTC backup start of the day before
      // the planned rebuild, and stored where the stack puts the primary's backups, the region asked from (the
      // recovery region). The id is a fixed number, as Cloud SQL's int64 backup run ids are.
      const startTime = "2026-11-30T00:07:12.345Z";
      const backupId = Date.parse(startTime);
      const instance = String(args.instance);
      return { id: `projects/${project}/instances/${instance}/backupRuns/${backupId}`, backupId, instance, project, location: String(providerInputs.region ?? "us-central1"), startTime, status: "SUCCESSFUL", mostRecent: args.mostRecent };
    }
    case "gcp:dns/getManagedZone:getManagedZone": {
      // The planned zone is public and its DNS name is its name with dots for hyphens (`example-com` holds
      // example.com.), the way Cloud DNS zones are usually named; a real run reads the zone.
      const name = String(args.name);
      return { id: `projects/${project}/managedZones/${name}`, name, project, dnsName: `${name.replace(/-/g, ".")}.`, visibility: "public", description: "", managedZoneId: digits(stableHash(`zone/${name}`, 16), 16), nameServers: ["ns-cloud-a1.googledomains.com."] };
    }
    case "gcp:storage/getTransferProjectServiceAccount:getTransferProjectServiceAccount": {
      const email = `project-${plannedProjectNumber(project)}@storage-transfer-service.iam.gserviceaccount.com`;
      return { id: email, email, member: `serviceAccount:${email}`, project, subjectId: digits(stableHash(`sts/${project}`, 16), 21) };
    }
    case "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": {
      const email = `service-${plannedProjectNumber(project)}@gs-project-accounts.iam.gserviceaccount.com`;
      return { id: email, emailAddress: email, member: `serviceAccount:${email}`, project };
    }
    default:
      return undefined;
  }
}
