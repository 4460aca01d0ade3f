/**
 * A CycloneDX 1.5 BOM of the repository, built with the CycloneDX library (models, license factory, JSON
 * serializer) from the extracted packages and their resolved licenses: the repository is
 * `metadata.component`, each distinct package a `library` component keyed by its purl (`bom-ref`), with its
 * licenses (SPDX expressions as `expression`, single ids as `license.id`, anything else as `license.name`),
 * and `dependencies` from the lockfiles' own graph. Development-only packages get `scope: excluded` (not part
 * of the runtime, in CycloneDX's words).
 */
import { randomUUID } from 'node:crypto';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import parseSpdx from 'spdx-expression-parse';
import type { ExtractionResult } from '../../analysis/dependencies/types.js';
import type { LicensedPackage } from '../../analysis/package-metadata/licenses.js';

export interface SbomInput {
  readonly repoName: string;
  readonly projectUrl: string;
  /** The version scanned (tag or commit), when the task names one. */
  readonly version: string | null;
  readonly toolVersion: string;
  readonly packages: readonly LicensedPackage[];
  readonly extractions: readonly ExtractionResult[];
  readonly timestamp?: Date;
  readonly serialNumber?: string;
}

const licenseFactory = new CDX.Contrib.License.Factories.LicenseFactory((expression: string) => {
  parseSpdx(expression);
});
const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot5));

/** Licenses as CycloneDX allows them: one expression, or any number of single licenses (never mixed). */
function addLicenses(component: CDX.Models.Component, licenses: readonly string[]): void {
  const made = licenses.map((license) => licenseFactory.makeFromString(license));
  if (made.length > 1 && made.some((license) => license instanceof CDX.Models.LicenseExpression)) {
    const joined = licenses.map((license) => `(${license})`).join(' AND ');
    try {
      component.licenses.add(licenseFactory.makeExpression(joined));
      return;
    } catch {
      // not a valid expression once joined: fall back to named licenses below
    }
    for (const license of licenses) component.licenses.add(licenseFactory.makeNamedLicense(license));
    return;
  }
  for (const license of made) component.licenses.add(license);
}

function makeComponent(entry: LicensedPackage): CDX.Models.Component {
  const { pkg } = entry;
  let purl: PackageURL | undefined;
  try {
    purl = PackageURL.fromString(pkg.purl);
  } catch {
    purl = undefined;
  }
  const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, purl?.name ?? pkg.name, {
    group: purl?.namespace ?? undefined,
    version: pkg.version || undefined,
    purl: purl ? pkg.purl : undefined,
    bomRef: pkg.purl,
    scope: pkg.dev ? CDX.Enums.ComponentScope.Excluded : undefined,
  });
  addLicenses(component, entry.licenses);
  return component;
}

export function buildSbom(input: SbomInput): Record<string, unknown> {
  const bom = new CDX.Models.Bom();
  bom.serialNumber = input.serialNumber ?? `urn:uuid:${randomUUID()}`;
  bom.metadata.timestamp = input.timestamp ?? new Date();
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'openchecker', { version: input.toolVersion }));
  const root = new CDX.Models.Component(CDX.Enums.ComponentType.Application, input.repoName, {
    bomRef: `openchecker:repository:${input.repoName}`,
    version: input.version ?? undefined,
  });
  if (/^https?:\/\//.test(input.projectUrl)) {
    root.externalReferences.add(new CDX.Models.ExternalReference(input.projectUrl, CDX.Enums.ExternalReferenceType.VCS));
  }
  bom.metadata.component = root;

  const components = new Map<string, CDX.Models.Component>();
  for (const entry of input.packages) {
    const component = makeComponent(entry);
    components.set(entry.pkg.purl, component);
    bom.components.add(component);
  }

  // The graph, as the lockfiles record it (every occurrence of a purl contributes its edges).
  const dependedOn = new Set<string>();
  let anyDirect = false;
  for (const extraction of input.extractions) {
    for (const pkg of extraction.packages) {
      const component = components.get(pkg.purl);
      if (!component) continue;
      if (pkg.direct === true) {
        anyDirect = true;
        root.dependencies.add(component.bomRef);
      }
      for (const target of pkg.dependsOn ?? []) {
        const dependency = components.get(target);
        if (dependency && dependency !== component) {
          component.dependencies.add(dependency.bomRef);
          dependedOn.add(target);
        }
      }
    }
  }
  // Lockfiles that do not mark direct dependencies: the packages nothing else depends on are the direct ones.
  if (!anyDirect && dependedOn.size > 0) {
    for (const [purl, component] of components) if (!dependedOn.has(purl)) root.dependencies.add(component.bomRef);
  }
  return JSON.parse(serializer.serialize(bom, { sortLists: true })) as Record<string, unknown>;
}
