import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A full-text index of change-log titles for the text filter (`q`, see text-search.ts).
 * SQLite: an FTS5 table over change_log's titles (external content, kept in step by
 * triggers, so every writer — the app, a bench filling rows by SQL — is covered).
 * MySQL/MariaDB: a FULLTEXT index, maintained by InnoDB.
 * Both tokenize words as letters, digits and `_`.
 */
export class ChangeLogTextIndex1764300300300 implements MigrationInterface {
  name = 'ChangeLogTextIndex1764300300300';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'mysql' || runner.connection.options.type === 'mariadb') {
      await runner.query('ALTER TABLE `change_log` ADD FULLTEXT INDEX `ft_change_log_title` (`title`)');
      return;
    }
    await runner.query(
      'CREATE VIRTUAL TABLE change_log_fts USING ' +
        `fts5(title, content='change_log', content_rowid='id', tokenize="unicode61 tokenchars '_'")`,
    );
    await runner.query(
      'CREATE TRIGGER change_log_fts_insert AFTER INSERT ON change_log BEGIN ' +
        'INSERT INTO change_log_fts(rowid, title) VALUES (new.id, new.title); END',
    );
    await runner.query(
      'CREATE TRIGGER change_log_fts_delete AFTER DELETE ON change_log BEGIN ' +
        "INSERT INTO change_log_fts(change_log_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    );
    await runner.query(
      'CREATE TRIGGER change_log_fts_update AFTER UPDATE OF title ON change_log BEGIN ' +
        "INSERT INTO change_log_fts(change_log_fts, rowid, title) VALUES ('delete', old.id, old.title); " +
        'INSERT INTO change_log_fts(rowid, title) VALUES (new.id, new.title); END',
    );
    await runner.query("INSERT INTO change_log_fts(change_log_fts) VALUES ('rebuild')");
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'mysql' || runner.connection.options.type === 'mariadb') {
      await runner.query('ALTER TABLE `change_log` DROP INDEX `ft_change_log_title`');
      return;
    }
    for (const trigger of ['change_log_fts_insert', 'change_log_fts_delete', 'change_log_fts_update']) {
      await runner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
    await runner.query('DROP TABLE IF EXISTS change_log_fts');
  }
}
