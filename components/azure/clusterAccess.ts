import { execFile } from "child_process";
import * as https from "https";
import * as pulumi from "@pulumi/pulumi";
import { kubeloginArgs } from "./kubeconfig";

/**
 * One look at whether the deployer may already write to the cluster: allowed, or why not yet. `final` marks an
 * answer that waiting cannot change (kubelogin is not installed), so the run stops at once.
 */
export type AccessProbe = () => Promise<{ allowed: true } | { allowed: false; reason: string; final?: boolean }>;

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Azure RBAC for Kubernetes authorization applies a new role assignment "up to five minutes" after it is made
 * (learn.microsoft.com/azure/aks/entra-id-authorization, Prerequisites; MicrosoftDocs/azure-aks-docs ms.date
 * 2026-08-18, read 2026-11-22). Twice that, so a slow propagation does not fail the run: an estimate.
 */
export const ACCESS_WAIT: WaitOptions = { timeoutMs: 10 * 60_000, intervalMs: 15_000 };

/** Probes until access is granted; after the timeout fails with the last reason, so the run stops with a cause. */
export async function waitForAccess(probe: AccessProbe, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const result = await probe().catch((err: unknown) => ({ allowed: false as const, reason: err instanceof Error ? err.message : String(err), final: isFinal(err) }));
    if (result.allowed) return;
    if (result.final) throw new Error(`the AKS API cannot be asked whether this deployer may install into it: ${result.reason}`);
    if (now() >= deadline) {
      throw new Error(
        `the AKS API did not let this deployer create StorageClasses within ${Math.round(options.timeoutMs / 60_000)} minutes (last answer: ${result.reason}). ` +
          "Check that the machine running pulumi up reaches the API as dalp:cluster.apiAccess says, that `az login` is the identity that created the cluster " +
          "or a member of a group in dalp:cluster.adminPrincipals, and run pulumi up again.",
      );
    }
    await sleep(options.intervalMs);
  }
}

/** An error no retry can cure: the program it runs is not installed. */
function isFinal(err: unknown): boolean {
  return (err as { final?: boolean } | undefined)?.final === true;
}

/**
 * A token for the AKS server application, from the same `kubelogin` call the stack's kubeconfig makes, so the
 * access check and the Kubernetes provider act as one identity.
 */
export function kubeloginToken(tenantId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("kubelogin", kubeloginArgs(tenantId), { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
        const detail = missing ? "kubelogin is not on the PATH (install it with `az aks install-cli`)" : `kubelogin get-token failed: ${String(stderr || err.message).trim()}`;
        return reject(Object.assign(new Error(detail), { final: missing }));
      }
      try {
        const token = (JSON.parse(stdout) as { status?: { token?: string } }).status?.token;
        if (!token) return reject(new Error("kubelogin returned no token"));
        resolve(token);
      } catch {
        reject(new Error("kubelogin returned something that is not an ExecCredential"));
      }
    });
  });
}

/** Who a Microsoft Entra access token speaks for: object id, tenant and, when the token lists them, groups. */
export interface TokenIdentity {
  objectId: string;
  tenantId: string;
  /** Absent when the token carries no `groups` claim (none asked for, or more than the token holds). */
  groups?: string[];
}

/** The identity claims of a JWT (`oid`, `tid`, `groups`); the signature is the API server's to check. */
export function tokenIdentity(jwt: string): TokenIdentity {
  const payload = jwt.split(".")[1];
  if (!payload) throw new Error("kubelogin returned a token that is not a JWT");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { oid?: string; tid?: string; groups?: unknown };
  if (!claims.oid || !claims.tid) throw new Error("kubelogin returned a token without oid or tid claims");
  return { objectId: claims.oid, tenantId: claims.tid, ...(Array.isArray(claims.groups) ? { groups: claims.groups.map(String) } : {}) };
}

/**
 * Why the identity kubelogin signs in as could never install into the cluster this run creates, or undefined
 * when it can. The stack makes cluster admins of the identity the azure-native provider runs as
 * (`getClientConfig`) and of the groups in `dalp:cluster.adminPrincipals`; the Kubernetes provider and the access
 * check act as whoever the Azure CLI is signed in as. The two differ when the provider authenticates through
 * `ARM_CLIENT_SECRET`, `ARM_CLIENT_CERTIFICATE_PATH`, `ARM_USE_OIDC` or `ARM_USE_MSI` (or their `azure-native:`
 * keys), which it tries before the Azure CLI (pulumi/pulumi-azure-native provider/pkg/provider/
 * auth_azidentity.go, newSingleMethodAuthCredential, read 2026-12-01), while the Azure CLI holds another login.
 */
export function kubeloginIdentityProblem(token: TokenIdentity, deployer: { objectId: string; tenantId: string }, adminGroups: string[]): string | undefined {
  const ways =
    "Sign the Azure CLI in as the identity this run deploys with (`az login`, `az login --service-principal`, `az login --identity` or " +
    "`az login --federated-token`, and `az account set --subscription` to the stack's), or put the Azure CLI's identity in a group listed in dalp:cluster.adminPrincipals.";
  if (token.tenantId.toLowerCase() !== deployer.tenantId.toLowerCase()) {
    return `kubelogin signs in to tenant ${token.tenantId}, but the cluster's tenant is ${deployer.tenantId}: AKS refuses its tokens. ${ways}`;
  }
  if (token.objectId.toLowerCase() === deployer.objectId.toLowerCase()) return undefined;
  const admins = new Set(adminGroups.map((g) => g.toLowerCase()));
  const member = token.groups === undefined ? admins.size > 0 : token.groups.some((g) => admins.has(g.toLowerCase()));
  if (member) return undefined;
  return (
    `kubelogin (the Azure CLI login) acts as ${token.objectId}, but this run deploys as ${deployer.objectId}, which is the identity the stack makes cluster admin; ` +
    `${admins.size === 0 ? "dalp:cluster.adminPrincipals names no group" : "the token is in none of the groups in dalp:cluster.adminPrincipals"}, ` +
    `so every Kubernetes resource would be refused after the cluster and the databases exist. ${ways}`
  );
}

/**
 * Checked before anything is declared, in a run with an engine (preview or update): kubelogin is installed,
 * signs in to the cluster's tenant, and as an identity the stack will make cluster admin. Otherwise the run would
 * create the network, the cluster and the databases and only then fail on the first Kubernetes resource.
 */
export async function assertKubeloginIdentity(deployer: { objectId: string; tenantId: string }, adminGroups: string[], token: (tenantId: string) => Promise<string> = kubeloginToken): Promise<void> {
  let identity: TokenIdentity;
  try {
    identity = tokenIdentity(await token(deployer.tenantId));
  } catch (err) {
    throw new Error(
      `the Kubernetes provider of this stack authenticates with kubelogin and the Azure CLI, which gave no token: ${err instanceof Error ? err.message : String(err)}. ` +
        "Install kubelogin (`az aks install-cli`) and sign the Azure CLI in as the identity this run deploys with (docs/azure.md, \"First `pulumi up`\").",
    );
  }
  const problem = kubeloginIdentityProblem(identity, deployer, adminGroups);
  if (problem) throw new Error(problem);
}

/**
 * Asks the API server whether the caller may create StorageClasses, the first thing the stack installs: a
 * SelfSubjectAccessReview, which every authenticated user may send, answered by Kubernetes RBAC (admin groups)
 * and the Azure RBAC webhook together.
 */
export function selfSubjectAccessProbe(server: string, caBase64: string, token: () => Promise<string>): AccessProbe {
  return async () => {
    const body = JSON.stringify({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: { verb: "create", group: "storage.k8s.io", resource: "storageclasses" } },
    });
    const bearer = await token();
    const url = new URL("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", server);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = https.request(url, {
        method: "POST",
        ca: Buffer.from(caBase64, "base64"),
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}`, "Content-Length": Buffer.byteLength(body) },
        timeout: 30_000,
      }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer from ${url.host} within 30 s`)));
      req.on("error", reject);
      req.end(body);
    });
    if (answer.status !== 201 && answer.status !== 200) return { allowed: false, reason: `HTTP ${answer.status} from ${url.host}` };
    const status = (JSON.parse(answer.text) as { status?: { allowed?: boolean; reason?: string } }).status;
    return status?.allowed ? { allowed: true } : { allowed: false, reason: status?.reason || "not allowed yet" };
  };
}

/**
 * Whether this run changes a real cluster: `pulumi up`, not a preview and not the offline planner (whose mock
 * monitor has no engine). Only then is there an API to wait for.
 */
export function isLiveUpdate(): boolean {
  return pulumi.runtime.hasEngine() && !pulumi.runtime.isDryRun();
}
