import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from "kysely";
import type {
  CatalogRepository,
  CatalogWrite,
  RegistrationFilter,
  ServiceListing,
  ServiceListQuery,
  SharedAccountFilter,
} from "../../core/catalog/catalog-repository.ts";
import { CatalogErrorCodes } from "../../core/catalog/catalog-errors.ts";
import type { Service, ShareType, ApprovalType, SharedAccount, SharePermission } from "../../core/catalog/service.ts";
import type { RegistrationStatus, ServiceRegistration } from "../../core/catalog/service-registration.ts";
import type { ServiceContent, ServiceVersion } from "../../core/catalog/service-version.ts";
import type { VersionStatus } from "../../core/catalog/version-status.ts";
import { DomainError, invalidArgument } from "../../core/shared/domain-error.ts";
import { decodePageToken, encodePageToken, type Page, type PageRequest } from "../../core/shared/page.ts";
import type { DB } from "./schema.ts";
import type {
  CatalogRegistrationsTable,
  CatalogServicesTable,
  CatalogServiceVersionsTable,
  CatalogSharedAccountsTable,
} from "./catalog-tables.ts";

type Db = Kysely<DB> | Transaction<DB>;
/** Separates names in search_text so a LIKE can match one whole name (exact) or part of one. */
const SEP = "\u0001";
const ms = (d: Date) => d.getTime();
const date = (n: number | null) => (n === null ? undefined : new Date(Number(n)));
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
/** Drops absent optional fields, so an entity reads back exactly as it was written. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** One SQL implementation of the catalog's storage, on SQLite and PostgreSQL alike. */
export class SqlCatalogRepository implements CatalogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async write(change: CatalogWrite): Promise<boolean> {
    const { service } = change;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = serviceRow(service);
        if (change.expectedRevision === undefined) {
          await trx.insertInto("catalog_services").values(row).execute();
        } else {
          const { id: _id, ...set } = row;
          const result = await trx
            .updateTable("catalog_services")
            .set(set)
            .where("id", "=", service.id)
            .where("revision", "=", change.expectedRevision)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) return false;
        }
        await trx.deleteFrom("catalog_service_tags").where("service_id", "=", service.id).execute();
        if (service.tags.length > 0) {
          await trx
            .insertInto("catalog_service_tags")
            .values(service.tags.map((t) => ({ service_id: service.id, tag_key: t.key, tag_value: t.value })))
            .execute();
        }
        for (const version of change.versions ?? []) await upsertVersion(trx, version);
        for (const registration of change.registrations ?? []) await upsertRegistration(trx, registration);
        return true;
      });
    } catch (e) {
      if (change.expectedRevision !== undefined || !isUniqueViolation(e)) throw e;
      if (service.clientToken && (await this.getServiceByClientToken(service.ownerAccountId, service.clientToken))) {
        throw new DomainError("AlreadyExists", CatalogErrorCodes.CLIENT_TOKEN_TAKEN, "The ClientToken was already used for another service.");
      }
      throw new DomainError("AlreadyExists", CatalogErrorCodes.SERVICE_ALREADY_EXISTS, `The service ${service.id} already exists.`);
    }
  }

  async getService(id: string): Promise<Service | undefined> {
    const row = await this.db.selectFrom("catalog_services").selectAll().where("id", "=", id).executeTakeFirst();
    return row && serviceFromRow(row);
  }

  async getServiceByClientToken(ownerAccountId: string, clientToken: string): Promise<Service | undefined> {
    const row = await this.db
      .selectFrom("catalog_services")
      .selectAll()
      .where("owner_account_id", "=", ownerAccountId)
      .where("client_token", "=", clientToken)
      .executeTakeFirst();
    return row && serviceFromRow(row);
  }

  async getVersion(serviceId: string, version: string): Promise<ServiceVersion | undefined> {
    const row = await this.db
      .selectFrom("catalog_service_versions")
      .selectAll()
      .where("service_id", "=", serviceId)
      .where("version", "=", version)
      .executeTakeFirst();
    return row && versionFromRow(row);
  }

  async listVersions(serviceId: string): Promise<ServiceVersion[]> {
    const rows = await this.db
      .selectFrom("catalog_service_versions")
      .selectAll()
      .where("service_id", "=", serviceId)
      .orderBy("seq", "asc")
      .execute();
    return rows.map(versionFromRow);
  }

  async getSupplierName(accountId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom("accounts").select("name").where("id", "=", accountId).executeTakeFirst();
    return row?.name;
  }

  async listServices(query: ServiceListQuery, page: PageRequest): Promise<Page<ServiceListing>> {
    const sortColumn = query.orderBy === "updatedAt" ? "s.updated_at" : "s.created_at";
    const cursor = decodeCursor(page.nextToken, ["number", "string", "number"]);
    const filtered = this.filteredServices(query);
    let keys = filtered.select([
      "s.id as service_id",
      "v.version as version",
      `${sortColumn} as sort_at` as "s.created_at as sort_at",
      "v.seq as seq",
      "a.name as supplier_name",
      "sh.permission as shared_permission",
    ]);
    if (cursor) {
      keys = keys.where(after([sortColumn, "s.id", "v.seq"], ["desc", "desc", "asc"], cursor));
    }
    const rows = await keys
      .orderBy(sql.ref(sortColumn), "desc")
      .orderBy("s.id", "desc")
      .orderBy("v.seq", "asc")
      .limit(page.maxResults + 1)
      .execute();
    const total = await filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const pageRows = rows.slice(0, page.maxResults);
    const last = pageRows[pageRows.length - 1];
    const nextToken = rows.length > page.maxResults && last ? encodeCursor([Number(last.sort_at), last.service_id, Number(last.seq)]) : "";

    const ids = [...new Set(pageRows.map((r) => r.service_id))];
    const services = new Map<string, Service>();
    const versions = new Map<string, ServiceVersion>();
    if (ids.length > 0) {
      for (const row of await this.db.selectFrom("catalog_services").selectAll().where("id", "in", ids).execute()) {
        services.set(row.id, serviceFromRow(row));
      }
      const versionRows = await this.db
        .selectFrom("catalog_service_versions")
        .selectAll()
        .where((eb) => eb.or(pageRows.map((r) => eb.and([eb("service_id", "=", r.service_id), eb("version", "=", r.version)]))))
        .execute();
      for (const row of versionRows) versions.set(`${row.service_id}/${row.version}`, versionFromRow(row));
    }
    const items = pageRows.flatMap((r): ServiceListing[] => {
      const service = services.get(r.service_id);
      const version = versions.get(`${r.service_id}/${r.version}`);
      if (!service || !version) return []; // deleted between the two reads
      return [
        {
          service,
          version,
          supplierName: opt(r.supplier_name),
          sharedPermission: opt(r.shared_permission) as SharePermission | undefined,
        },
      ];
    });
    return { items, nextToken, totalCount: Number(total.n) };
  }

  /** The filtered join of services and their versions (and what the visibility rule needs). */
  private filteredServices(query: ServiceListQuery) {
    const viewer = query.viewerAccountId;
    let q = this.db
      .selectFrom("catalog_services as s")
      .innerJoin("catalog_service_versions as v", "v.service_id", "s.id")
      .leftJoin("accounts as a", "a.id", "s.owner_account_id")
      // Only the viewer's own share row can join; "" matches no account id.
      .leftJoin("catalog_shared_accounts as sh", (join) =>
        join.onRef("sh.service_id", "=", "s.id").on("sh.account_id", "=", viewer ?? ""),
      )
      .where("s.deleted_at", "is", null)
      .where("v.deleted_at", "is", null)
      .where("v.status", "!=", "Deleted");
    if (!query.allVersions) q = q.whereRef("v.version", "=", "s.default_version");
    if (query.ownerAccountId !== undefined) q = q.where("s.owner_account_id", "=", query.ownerAccountId);
    if (viewer !== undefined) {
      // visibility.ts, as SQL: the owner sees everything; others Online versions of Public
      // services or of services shared with them.
      q = q.where((eb) =>
        eb.or([
          eb("s.owner_account_id", "=", viewer),
          eb.and([eb("v.status", "=", "Online"), eb.or([eb("s.share_type", "=", "Public"), eb("sh.account_id", "is not", null)])]),
        ]),
      );
    }
    if (query.serviceIds?.length) q = q.where("s.id", "in", [...query.serviceIds]);
    if (query.versions?.length) q = q.where("v.version", "in", [...query.versions]);
    if (query.statuses?.length) q = q.where("v.status", "in", [...query.statuses]);
    if (query.supplierNames?.length) q = q.where("a.name", "in", [...query.supplierNames]);
    if (query.resourceGroupId !== undefined) q = q.where("s.resource_group_id", "=", query.resourceGroupId);
    if (query.names?.length) q = q.where((eb) => eb.or(query.names!.map((n) => like(eb.ref("v.search_text"), `%${escapeLike(n.toLowerCase())}%`))));
    if (query.exactName !== undefined) {
      q = q.where(like(sql.ref("v.search_text"), `%${SEP}${escapeLike(query.exactName.toLowerCase())}${SEP}%`));
    }
    if (query.keyword !== undefined) {
      const pattern = `%${escapeLike(query.keyword.toLowerCase())}%`;
      q = q.where((eb) => eb.or([like(eb.ref("v.search_text"), pattern), like(eb.ref("s.id"), pattern)]));
    }
    for (const tag of query.tags ?? []) {
      q = q.where(({ exists, selectFrom }) => {
        let t = selectFrom("catalog_service_tags as t").select("t.service_id").whereRef("t.service_id", "=", "s.id").where("t.tag_key", "=", tag.key);
        if (tag.value !== undefined) t = t.where("t.tag_value", "=", tag.value);
        return exists(t);
      });
    }
    return q;
  }

  async getRegistration(id: string): Promise<ServiceRegistration | undefined> {
    const row = await this.db.selectFrom("catalog_registrations").selectAll().where("id", "=", id).executeTakeFirst();
    return row && registrationFromRow(row);
  }

  async listRegistrations(filter: RegistrationFilter, page: PageRequest): Promise<Page<ServiceRegistration>> {
    let q = this.db.selectFrom("catalog_registrations");
    if (filter.ownerAccountId !== undefined) q = q.where("owner_account_id", "=", filter.ownerAccountId);
    if (filter.serviceId !== undefined) q = q.where("service_id", "=", filter.serviceId);
    if (filter.statuses?.length) q = q.where("status", "in", [...filter.statuses]);
    const cursor = decodeCursor(page.nextToken, ["number", "string"]);
    let rowsQ = q.selectAll();
    if (cursor) rowsQ = rowsQ.where(after(["submitted_at", "id"], ["desc", "desc"], cursor));
    const rows = await rowsQ.orderBy("submitted_at", "desc").orderBy("id", "desc").limit(page.maxResults + 1).execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const items = rows.slice(0, page.maxResults).map(registrationFromRow);
    const last = items[items.length - 1];
    const nextToken = rows.length > page.maxResults && last ? encodeCursor([ms(last.submittedAt), last.id]) : "";
    return { items, nextToken, totalCount: Number(total.n) };
  }

  async putSharedAccounts(accounts: readonly SharedAccount[]): Promise<void> {
    if (accounts.length === 0) return;
    await this.db
      .insertInto("catalog_shared_accounts")
      .values(accounts.map(sharedRow))
      .onConflict((oc) =>
        oc.columns(["service_id", "account_id"]).doUpdateSet((eb) => ({
          permission: eb.ref("excluded.permission"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }

  async removeSharedAccounts(serviceId: string, accountIds: readonly string[]): Promise<number> {
    if (accountIds.length === 0) return 0;
    const result = await this.db
      .deleteFrom("catalog_shared_accounts")
      .where("service_id", "=", serviceId)
      .where("account_id", "in", [...accountIds])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async getSharedAccount(serviceId: string, accountId: string): Promise<SharedAccount | undefined> {
    const row = await this.db
      .selectFrom("catalog_shared_accounts")
      .selectAll()
      .where("service_id", "=", serviceId)
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row && sharedFromRow(row);
  }

  async listSharedAccounts(filter: SharedAccountFilter, page: PageRequest): Promise<Page<SharedAccount>> {
    let q = this.db
      .selectFrom("catalog_shared_accounts as sa")
      .innerJoin("catalog_services as s", "s.id", "sa.service_id")
      .where("s.owner_account_id", "=", filter.ownerAccountId)
      .where("s.deleted_at", "is", null);
    if (filter.serviceId !== undefined) q = q.where("sa.service_id", "=", filter.serviceId);
    if (filter.accountIds?.length) q = q.where("sa.account_id", "in", [...filter.accountIds]);
    if (filter.permission !== undefined) q = q.where("sa.permission", "=", filter.permission);
    const cursor = decodeCursor(page.nextToken, ["number", "string", "string"]);
    let rowsQ = q.selectAll("sa");
    if (cursor) rowsQ = rowsQ.where(after(["sa.created_at", "sa.service_id", "sa.account_id"], ["desc", "desc", "desc"], cursor));
    const rows = await rowsQ
      .orderBy("sa.created_at", "desc")
      .orderBy("sa.service_id", "desc")
      .orderBy("sa.account_id", "desc")
      .limit(page.maxResults + 1)
      .execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const items = rows.slice(0, page.maxResults).map(sharedFromRow);
    const last = items[items.length - 1];
    const nextToken = rows.length > page.maxResults && last ? encodeCursor([ms(last.createdAt), last.serviceId, last.accountId]) : "";
    return { items, nextToken, totalCount: Number(total.n) };
  }
}

// ---- keyset paging ----

type CursorPart = "number" | "string";

/** Keyset tokens are base64 JSON of the last row's sort key (core/shared/page.ts). */
const encodeCursor = (key: readonly (number | string)[]): string => encodePageToken(JSON.stringify(key));

function decodeCursor(token: string | undefined, shape: readonly CursorPart[]): (number | string)[] | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(decodePageToken(token) ?? "");
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw invalidArgument("NextToken", "The specified NextToken is not valid.");
  }
  return key as (number | string)[];
}

/** Rows strictly after the cursor in the given order: (a < x) OR (a = x AND b < y) OR ... */
function after(columns: readonly string[], directions: readonly ("asc" | "desc")[], values: readonly unknown[]): Expression<SqlBool> {
  const branches = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => sql<SqlBool>`${sql.ref(c)} = ${values[j]}`);
    const beyond = sql<SqlBool>`${sql.ref(column)} ${sql.raw(directions[i] === "desc" ? "<" : ">")} ${values[i]}`;
    return sql<SqlBool>`(${sql.join([...equal, beyond], sql` AND `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` OR `)})`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (ref: Expression<unknown>, pattern: string) => sql<SqlBool>`${ref} LIKE ${pattern} ESCAPE '\\'`;

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

// ---- rows ----

function serviceRow(s: Service): CatalogServicesTable {
  return {
    id: s.id,
    owner_account_id: s.ownerAccountId,
    region_id: s.regionId,
    share_type: s.shareType,
    approval_type: s.approvalType,
    resource_group_id: s.resourceGroupId ?? null,
    tags_json: JSON.stringify(s.tags),
    default_version: s.defaultVersion,
    last_version_number: s.lastVersionNumber,
    has_draft: s.hasDraft ? 1 : 0,
    client_token: s.clientToken ?? null,
    request_hash: s.requestHash ?? null,
    revision: s.revision,
    created_at: ms(s.createdAt),
    updated_at: ms(s.updatedAt),
    deleted_at: s.deletedAt ? ms(s.deletedAt) : null,
  };
}

function serviceFromRow(r: CatalogServicesTable): Service {
  return compact({
    id: r.id,
    ownerAccountId: r.owner_account_id,
    regionId: r.region_id,
    shareType: r.share_type as ShareType,
    approvalType: r.approval_type as ApprovalType,
    resourceGroupId: opt(r.resource_group_id),
    tags: JSON.parse(r.tags_json),
    defaultVersion: r.default_version,
    lastVersionNumber: Number(r.last_version_number),
    hasDraft: Number(r.has_draft) === 1,
    clientToken: opt(r.client_token),
    requestHash: opt(r.request_hash),
    revision: Number(r.revision),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    deletedAt: date(r.deleted_at),
  });
}

/** The ServiceContent part of a version, stored as one JSON document. */
const CONTENT_KEYS: readonly (keyof ServiceContent)[] = [
  "deployType", "serviceType", "versionName", "serviceInfos", "deployMetadata", "operationMetadata",
  "upgradeMetadata", "licenseMetadata", "alarmMetadata", "logMetadata", "buildParameters", "compliancePacks",
  "policyNames", "isSupportOperated", "duration", "trialDuration", "tenantType", "localeConfigs", "resellable",
  "sourceServiceId", "sourceServiceVersion",
];

async function upsertVersion(db: Db, v: ServiceVersion): Promise<void> {
  const content = Object.fromEntries(CONTENT_KEYS.map((k) => [k, v[k]]));
  const row: CatalogServiceVersionsTable = {
    service_id: v.serviceId,
    version: v.version,
    seq: v.seq,
    status: v.status,
    search_text: SEP + v.serviceInfos.map((i) => i.name.toLowerCase()).join(SEP) + SEP,
    content_json: JSON.stringify(content),
    templates_json: JSON.stringify(v.templates),
    categories_json: JSON.stringify(v.categories),
    status_detail: v.statusDetail ?? null,
    registration_id: v.registrationId ?? null,
    created_at: ms(v.createdAt),
    updated_at: ms(v.updatedAt),
    published_at: v.publishedAt ? ms(v.publishedAt) : null,
    deleted_at: v.deletedAt ? ms(v.deletedAt) : null,
  };
  const { service_id: _s, version: _v, ...set } = row;
  await db
    .insertInto("catalog_service_versions")
    .values(row)
    .onConflict((oc) => oc.columns(["service_id", "version"]).doUpdateSet(set))
    .execute();
}

function versionFromRow(r: CatalogServiceVersionsTable): ServiceVersion {
  const content = JSON.parse(r.content_json) as ServiceContent;
  return compact({
    ...content,
    serviceId: r.service_id,
    version: r.version,
    seq: Number(r.seq),
    status: r.status as VersionStatus,
    statusDetail: opt(r.status_detail),
    templates: JSON.parse(r.templates_json),
    categories: JSON.parse(r.categories_json),
    registrationId: opt(r.registration_id),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    publishedAt: date(r.published_at),
    deletedAt: date(r.deleted_at),
  });
}

async function upsertRegistration(db: Db, r: ServiceRegistration): Promise<void> {
  const row: CatalogRegistrationsTable = {
    id: r.id,
    service_id: r.serviceId,
    owner_account_id: r.ownerAccountId,
    version: r.version,
    status: r.status,
    comment: r.comment ?? null,
    submitted_at: ms(r.submittedAt),
    finished_at: r.finishedAt ? ms(r.finishedAt) : null,
    updated_at: ms(r.updatedAt),
  };
  const { id: _id, ...set } = row;
  await db.insertInto("catalog_registrations").values(row).onConflict((oc) => oc.column("id").doUpdateSet(set)).execute();
}

function registrationFromRow(r: CatalogRegistrationsTable): ServiceRegistration {
  return compact({
    id: r.id,
    serviceId: r.service_id,
    ownerAccountId: r.owner_account_id,
    version: r.version,
    status: r.status as RegistrationStatus,
    comment: opt(r.comment),
    submittedAt: new Date(Number(r.submitted_at)),
    finishedAt: date(r.finished_at),
    updatedAt: new Date(Number(r.updated_at)),
  });
}

const sharedRow = (a: SharedAccount): CatalogSharedAccountsTable => ({
  service_id: a.serviceId,
  account_id: a.accountId,
  permission: a.permission,
  created_at: ms(a.createdAt),
  updated_at: ms(a.updatedAt),
});

const sharedFromRow = (r: CatalogSharedAccountsTable): SharedAccount => ({
  serviceId: r.service_id,
  accountId: r.account_id,
  permission: r.permission as SharePermission,
  createdAt: new Date(Number(r.created_at)),
  updatedAt: new Date(Number(r.updated_at)),
});
