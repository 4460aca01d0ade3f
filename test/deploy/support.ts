/** Access to the rendered deployment for the deploy tests: objects by kind and name, pod specs, containers. */
import { renderKustomization, type K8sObject } from './kustomize.js';

export const REFERENCE_OVERLAY = 'overlays/reference';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
}
export interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}
export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  env?: EnvVar[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  emptyDir?: { sizeLimit?: string };
}
export interface PodSpec {
  containers: Container[];
  volumes?: Volume[];
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}
export interface Workload extends K8sObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

const cache = new Map<string, K8sObject[]>();

export function rendered(dir = REFERENCE_OVERLAY): K8sObject[] {
  let objects = cache.get(dir);
  if (!objects) {
    objects = renderKustomization(dir);
    cache.set(dir, objects);
  }
  return objects;
}

export function find<T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const matches = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (matches.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${matches.length}`);
  return matches[0] as T;
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as Workload[];
}

export function onlyContainer(workload: Workload): Container {
  const [container, ...rest] = workload.spec.template.spec.containers;
  if (!container || rest.length > 0) throw new Error(`${workload.metadata.name}: expected one container`);
  return container;
}

/** The container port a probe or Service targets, by number or by port name. */
export function resolvePort(container: Container, port: string | number): number {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new Error(`${container.name}: no port named ${port}`);
  return named.containerPort;
}

/** The value after `flag` in an argument list (`--port 8080`). */
export function flagValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}
