import { LIMITS } from '../../contract/limits';
import type { SyncExportRow, SyncPeer, SyncStatus } from '../../contract/sync';
import type { Ctx } from '../context';
import { DIVISIONS } from '../divisions';
import { DomainError } from '../errors';
import { getSettings, updateSettings } from '../settings';
import { requireInstallation } from '../setup';
import { districtPeer, ownerOf, ownKeys, peerByCode, usableFolder, type PeerRow } from './config';
import { fingerprint, parsePublicKeyFile, publicKeyFile, type ParsedPublicKey } from './keys';

// The 数据同步 page's reads and the admin's settings: who we are (fingerprint, public key
// file), whom we exchange with (enrolment), where the packages go, and what came and went.

function peerView(p: PeerRow): SyncPeer {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    fingerprint: p.fingerprint,
    folder: p.folder,
    enrolledAt: p.enrolledAt,
    lastSequence: p.lastSequence,
    lastCreatedAt: p.lastCreatedAt,
    lastImportedAt: p.lastImportedAt,
  };
}

export function syncStatus(ctx: Ctx, nextExportAt: string | null): SyncStatus {
  const installation = requireInstallation(ctx.db);
  const owner = ownerOf(installation);
  const keys = ownKeys(ctx);
  const settings = getSettings(ctx.db);
  const client = ctx.db.$client;
  const limit = LIMITS.syncListRowsMax;
  const exports =
    installation.kind === 'town'
      ? (client
          .prepare(
            `SELECT sequence, file_name AS fileName, created_at AS createdAt, trigger, rows, bytes, acknowledged_at AS acknowledgedAt
               FROM sync_exports ORDER BY sequence DESC LIMIT ?`,
          )
          .all(limit) as SyncExportRow[])
      : (
          client
            .prepare(`SELECT sequence, file_name AS fileName, created_at AS createdAt, rows, bytes FROM district_outbox ORDER BY created_at DESC, town_code LIMIT ?`)
            .all(limit) as Omit<SyncExportRow, 'trigger' | 'acknowledgedAt'>[]
        ).map((r) => ({ ...r, trigger: 'manual' as const, acknowledgedAt: null }));
  const district = installation.kind === 'town' ? districtPeer(ctx.db) : null;
  return {
    kind: installation.kind,
    keys: {
      fingerprint: fingerprint(keys.signingPublicRaw),
      publicKeyFileName: `relief-desk-${owner.code}.pubkey.json`,
      publicKeyFile: publicKeyFile(owner, keys),
    },
    folder: settings.syncFolder,
    exportTime: settings.syncExportTime,
    district: district ? peerView(district) : null,
    exports,
    nextExportAt: installation.kind === 'town' ? nextExportAt : null,
    received: client
      .prepare(
        `SELECT peer_code AS peerCode, sequence, file_name AS fileName, created_at AS createdAt, imported_at AS importedAt, rows, bytes
           FROM sync_received ORDER BY imported_at DESC, sequence DESC LIMIT ?`,
      )
      .all(limit) as SyncStatus['received'],
    quarantine: client
      .prepare(`SELECT id, peer_code AS peerCode, sequence, file_name AS fileName, code, message, at FROM sync_quarantine ORDER BY id DESC LIMIT ?`)
      .all(limit) as SyncStatus['quarantine'],
    held: client
      .prepare(`SELECT peer_code AS peerCode, sequence, file_name AS fileName, received_at AS receivedAt FROM sync_held ORDER BY peer_code, sequence LIMIT ?`)
      .all(limit) as SyncStatus['held'],
  };
}

/** Reads a key file and checks it is the kind this installation enrols: a town takes its
 *  district's key, the district takes its towns'. */
function readPeerKey(ctx: Ctx, text: string): ParsedPublicKey {
  const installation = requireInstallation(ctx.db);
  const parsed = parsePublicKeyFile(text);
  if (installation.kind === 'town') {
    if (parsed.kind !== 'district') throw new DomainError('VALIDATION', `这是镇街（${parsed.name}）的公钥文件；镇街应导入区级的公钥文件`);
    if (parsed.code !== installation.districtCode) {
      throw new DomainError('VALIDATION', `公钥文件属于 ${parsed.name}（${parsed.code}），不是本镇街所属的 ${installation.districtName}`);
    }
  } else {
    if (parsed.kind !== 'town') throw new DomainError('VALIDATION', '这是区级的公钥文件；区级应导入各镇街的公钥文件');
    if (!DIVISIONS.towns.some((t) => t.code === parsed.code)) {
      throw new DomainError('VALIDATION', `公钥文件中的镇街代码 ${parsed.code} 不在本区的镇街名录中`);
    }
  }
  return parsed;
}

export function previewPeerKey(ctx: Ctx, text: string): { kind: 'town' | 'district'; code: string; name: string; fingerprint: string; alreadyEnrolled: boolean } {
  const parsed = readPeerKey(ctx, text);
  return { kind: parsed.kind, code: parsed.code, name: parsed.name, fingerprint: parsed.fingerprint, alreadyEnrolled: peerByCode(ctx.db, parsed.code) !== null };
}

/**
 * Enrols the other side's public keys. A peer enrolled again with the same keys only changes
 * its folder; with other keys it is refused: a replaced key is how a forger would start, so
 * changing it is not a click on this page.
 */
export function enrollPeer(ctx: Ctx, input: { text: string; folder: string | null }): { code: string; name: string; fingerprint: string } {
  const installation = requireInstallation(ctx.db);
  const parsed = readPeerKey(ctx, input.text);
  if (installation.kind === 'town' && input.folder !== null) {
    throw new DomainError('VALIDATION', '镇街与区级的数据包都在“同步文件夹”中交换，区级公钥无需单独指定文件夹');
  }
  const folder = input.folder === null || input.folder === '' ? null : usableFolder(input.folder, '登记');
  const signing = parsed.ed25519Raw.toString('hex');
  const agreement = parsed.x25519Raw.toString('hex');
  const existing = peerByCode(ctx.db, parsed.code);
  if (installation.kind === 'town' && !existing && districtPeer(ctx.db)) throw new DomainError('CONFLICT', '本镇街已导入区级公钥');
  if (existing) {
    if (existing.signingPublicKey !== signing || existing.agreementPublicKey !== agreement) {
      throw new DomainError(
        'CONFLICT',
        `${existing.name} 已登记，且新文件的密钥与已登记的不同（已登记指纹 ${existing.fingerprint}）。更换密钥须先核实原因（重装、被冒用），本页不能直接替换`,
      );
    }
    ctx.db.$client.prepare('UPDATE sync_peers SET folder = ? WHERE code = ?').run(folder, parsed.code);
  } else {
    ctx.db.$client
      .prepare(
        `INSERT INTO sync_peers (code, name, kind, signing_public_key, agreement_public_key, fingerprint, folder, enrolled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(parsed.code, parsed.name, parsed.kind, signing, agreement, parsed.fingerprint, folder, ctx.nowIso);
  }
  ctx.audit.entity('sync_peer', parsed.code);
  ctx.audit.note({ name: parsed.name, fingerprint: parsed.fingerprint, folder, again: existing !== null });
  return { code: parsed.code, name: parsed.name, fingerprint: parsed.fingerprint };
}

export function configureSync(ctx: Ctx, input: { folder: string; exportTime: string }): { ok: true } {
  requireInstallation(ctx.db);
  const folder = input.folder === '' ? '' : usableFolder(input.folder, '保存');
  updateSettings(ctx, { syncFolder: folder, syncExportTime: input.exportTime });
  return { ok: true };
}

