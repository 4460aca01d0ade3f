/**
 * Validation of rendered Kubernetes objects: core kinds and KEDA's CRDs against the OpenAPI-derived schemas of
 * kubernetes-models / @kubernetes-models/keda, RabbitmqCluster against a strict schema of the fields of
 * rabbitmq.com/v1beta1 we may use. Unknown fields are errors (the API server would drop or reject them).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { Namespace, PersistentVolume, PersistentVolumeClaim, Secret, Service, ConfigMap } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import type { K8sObject } from './kustomize.js';

interface ValidationIssue {
  path: string;
  message: string;
}
type Validator = (object: unknown) => ValidationIssue[];

/** Wraps a kubernetes-models class: its validate() throws a ValidationError carrying ajv's error list. */
function modelValidator(Model: new (data: never) => { validate(): void }): Validator {
  return (object) => {
    try {
      new Model(object as never).validate();
      return [];
    } catch (err) {
      const errors = (err as { errors?: ErrorObject[] }).errors;
      if (!Array.isArray(errors)) throw err;
      return errors.map((e) => ({ path: e.instancePath, message: e.message ?? e.keyword }));
    }
  };
}

// ---------------------------------------------------------------- RabbitmqCluster (rabbitmq.com/v1beta1)

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const quantity = { anyOf: [{ type: 'string', pattern: '^[0-9.]+([eE][0-9]+|[KMGTPE]i?|[mun])?$' }, { type: 'number' }] } as const;
const resourceList = { type: 'object', additionalProperties: false, properties: { cpu: quantity, memory: quantity, 'ephemeral-storage': quantity } } as const;
const dnsName = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 } as const;

/**
 * The fields of the operator's RabbitmqCluster spec (cluster-operator v2, CRD rabbitmq.com/v1beta1) that a
 * deployment sets by hand; the CRD's pass-through parts (affinity, tolerations, override) are free-form there
 * and here. Anything else is rejected, so a typo cannot silently fall back to an operator default.
 */
const rabbitmqClusterSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'rabbitmq.com/v1beta1' },
    kind: { const: 'RabbitmqCluster' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: dnsName, namespace: dnsName, labels: stringMap, annotations: stringMap },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        replicas: { type: 'integer', minimum: 0 },
        image: { type: 'string', minLength: 1 },
        imagePullSecrets: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } } },
        service: {
          type: 'object',
          additionalProperties: false,
          properties: { type: { enum: ['ClusterIP', 'LoadBalancer', 'NodePort'] }, annotations: stringMap, ipFamilyPolicy: { enum: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] } },
        },
        persistence: { type: 'object', additionalProperties: false, properties: { storageClassName: { type: 'string' }, storage: quantity } },
        resources: { type: 'object', additionalProperties: false, properties: { requests: resourceList, limits: resourceList } },
        rabbitmq: {
          type: 'object',
          additionalProperties: false,
          properties: {
            additionalConfig: { type: 'string', maxLength: 100000 },
            advancedConfig: { type: 'string', maxLength: 100000 },
            envConfig: { type: 'string', maxLength: 100000 },
            additionalPlugins: { type: 'array', maxItems: 100, items: { type: 'string', pattern: '^\\w+$' } },
          },
        },
        terminationGracePeriodSeconds: { type: 'integer', minimum: 0 },
        delayStartSeconds: { type: 'integer', minimum: 0 },
        skipPostDeploySteps: { type: 'boolean' },
        affinity: { type: 'object' },
        tolerations: { type: 'array', items: { type: 'object' } },
        override: { type: 'object' },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const rabbitmqClusterCheck = ajv.compile(rabbitmqClusterSchema);
const rabbitmqClusterValidator: Validator = (object) =>
  rabbitmqClusterCheck(object) ? [] : (rabbitmqClusterCheck.errors ?? []).map((e) => ({ path: e.instancePath, message: `${e.message ?? e.keyword} ${JSON.stringify(e.params)}` }));

// ---------------------------------------------------------------- registry

const VALIDATORS = new Map<string, Validator>([
  ['v1/Namespace', modelValidator(Namespace)],
  ['v1/PersistentVolume', modelValidator(PersistentVolume)],
  ['v1/PersistentVolumeClaim', modelValidator(PersistentVolumeClaim)],
  ['v1/Service', modelValidator(Service)],
  ['v1/Secret', modelValidator(Secret)],
  ['v1/ConfigMap', modelValidator(ConfigMap)],
  ['apps/v1/Deployment', modelValidator(Deployment)],
  ['apps/v1/StatefulSet', modelValidator(StatefulSet)],
  ['networking.k8s.io/v1/Ingress', modelValidator(Ingress)],
  ['networking.k8s.io/v1/NetworkPolicy', modelValidator(NetworkPolicy)],
  ['policy/v1/PodDisruptionBudget', modelValidator(PodDisruptionBudget)],
  ['autoscaling/v2/HorizontalPodAutoscaler', modelValidator(HorizontalPodAutoscaler)],
  ['keda.sh/v1alpha1/ScaledObject', modelValidator(ScaledObject)],
  ['keda.sh/v1alpha1/TriggerAuthentication', modelValidator(TriggerAuthentication)],
  ['rabbitmq.com/v1beta1/RabbitmqCluster', rabbitmqClusterValidator],
]);

export function knownKinds(): string[] {
  return [...VALIDATORS.keys()];
}

/** Schema errors of one object, plus `unknown field` for every field the schema does not define. */
export function validateObject(object: K8sObject): string[] {
  const validator = VALIDATORS.get(`${object.apiVersion}/${object.kind}`);
  if (!validator) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const problems = validator(object).map((issue) => `${issue.path || '/'}: ${issue.message}`);
  if (problems.length > 0) return problems;
  return unknownFields(object, validator).map((path) => `${path}: unknown field`);
}

/**
 * The schemas (generated ajv code) do not forbid additional properties, so unknown fields are found by probing:
 * each field in turn gets a value of a type no schema accepts for it; a field the schema defines then fails
 * validation at that path, an unknown field passes. Values of free-form maps (labels, annotations) fail too,
 * since the map's value schema applies to them.
 */
export function unknownFields(object: unknown, validate: Validator): string[] {
  const unknown: string[] = [];
  const visit = (node: unknown, pointer: string, replaceAt: (value: unknown) => () => void): void => {
    // apiVersion and kind select the schema (the model classes set them themselves); every other field is probed.
    if (pointer !== '' && pointer !== '/apiVersion' && pointer !== '/kind') {
      const poison = node !== null && typeof node === 'object' ? true : { probe: true };
      const restore = replaceAt(poison);
      const failsHere = validate(object).some((issue) => issue.path === pointer || issue.path.startsWith(`${pointer}/`));
      restore();
      if (!failsHere) {
        unknown.push(pointer);
        return;
      }
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${pointer}/${index}`, swap(node, index)));
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], `${pointer}/${escapePointer(key)}`, swap(node as Record<string, unknown>, key));
    }
  };
  visit(object, '', () => () => undefined);
  return unknown;
}

function swap(container: Record<string, unknown> | unknown[], key: string | number): (value: unknown) => () => void {
  return (value) => {
    const record = container as Record<string | number, unknown>;
    const original = record[key];
    record[key] = value;
    return () => {
      record[key] = original;
    };
  };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
