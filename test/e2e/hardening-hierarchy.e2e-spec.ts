/** Issue 16 point 11: recursive hierarchies are refused as Odoo refuses them (422). */
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const KEY = 'HARDEN-HIERARCHY-KEY-0123456789AB';
const MESSAGE = 'You cannot create recursive Partner hierarchies.';

describe('hardening: recursive hierarchies', () => {
  let t: TestApp;
  let code: string;

  beforeAll(async () => {
    t = await startTestApp();
    const f = new Factory(t);
    await f.apiKey(KEY);
    const syncModel = await f.syncModel();
    code = syncModel.code;
    await f.contactObject({ syncModelId: syncModel.id });
  });
  afterAll(() => t.close());

  const partner = async (values: Record<string, unknown>) => (await t.api().post('/api/records/res.partner').send(values).expect(201)).body;
  const read = async (id: number) => (await t.api().get(`/api/records/res.partner/${id}`).expect(200)).body;

  describe('records API', () => {
    it('parent_id = the record itself is a 422', async () => {
      const a = await partner({ name: 'Self' });
      const res = await t.api().put(`/api/records/res.partner/${a.id}`).send({ parent_id: a.id }).expect(422);
      expect(res.body).toMatchObject({ code: 'RECORDS.RECURSIVE_HIERARCHY', message: MESSAGE });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'parent_id' })]);
      expect((await read(a.id)).parent_id).toBeNull();
    });

    it('a loop through descendants is a 422, and nothing is written', async () => {
      const a = await partner({ name: 'Top' });
      const b = await partner({ name: 'Middle', parent_id: a.id });
      const c = await partner({ name: 'Bottom', parent_id: b.id });
      const res = await t.api().put(`/api/records/res.partner/${a.id}`).send({ parent_id: c.id, email: 'x@example.com' }).expect(422);
      expect(res.body.message).toBe(MESSAGE);
      expect(await read(a.id)).toMatchObject({ parent_id: null, email: null });
    });

    it('child_ids: [self] and child_ids naming an ancestor are 422s', async () => {
      const a = await partner({ name: 'Parent' });
      const b = await partner({ name: 'Child', parent_id: a.id });
      expect(
        (
          await t
            .api()
            .put(`/api/records/res.partner/${a.id}`)
            .send({ child_ids: [a.id] })
            .expect(422)
        ).body.message,
      ).toBe(MESSAGE);
      expect(
        (
          await t
            .api()
            .put(`/api/records/res.partner/${b.id}`)
            .send({ child_ids: [a.id] })
            .expect(422)
        ).body.message,
      ).toBe(MESSAGE);
      expect((await read(a.id)).child_ids).toEqual([b.id]);
      expect((await read(a.id)).parent_id).toBeNull();
    });

    it('a new record whose parent is also listed as its child is refused, and not created', async () => {
      const a = await partner({ name: 'Loop seed' });
      const before = (await t.api().get('/api/records/res.partner').expect(200)).body.total;
      const res = await t
        .api()
        .post('/api/records/res.partner')
        .send({ name: 'Loop', parent_id: a.id, child_ids: [a.id] })
        .expect(422);
      expect(res.body.message).toBe(MESSAGE);
      expect((await t.api().get('/api/records/res.partner').expect(200)).body.total).toBe(before);
    });

    it('ordinary re-parenting still works', async () => {
      const a = await partner({ name: 'Old parent' });
      const b = await partner({ name: 'New parent' });
      const c = await partner({ name: 'Moved', parent_id: a.id });
      await t.api().put(`/api/records/res.partner/${c.id}`).send({ parent_id: b.id }).expect(200);
      await t.api().put(`/api/records/res.partner/${a.id}`).send({ parent_id: c.id }).expect(200);
    });
  });

  describe('inbound company → parent_id', () => {
    const put = (id: string, body: Record<string, unknown>) =>
      t.http().put(`/sync/${code}/${id}`).set('api_key', KEY).set('Content-Type', 'application/json').send(body);

    it('a company that is the record itself, or its descendant, is a 422 in the envelope', async () => {
      await put('H1', { name: 'Holding' }).expect(200);
      await put('H2', { name: 'Subsidiary', company: 'H1' }).expect(200);
      const self = await put('H1', { company: 'H1' }).expect(422);
      expect(self.body.result).toEqual({ status: 'failed', error_message: MESSAGE });
      const loop = await put('H1', { company: 'H2' }).expect(422);
      expect(loop.body.result.error_message).toBe(MESSAGE);
      const holding = (await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=', 'H1')]" }).expect(200)).body
        .items[0];
      expect(holding.parent_id).toBeNull();
      const failed = (await t.api().get('/api/change-log').query({ externalId: 'H1', status: 'failed' }).expect(200)).body;
      expect(failed.items.map((row: { errorMessage: string }) => row.errorMessage)).toEqual([MESSAGE, MESSAGE]);
    });
  });
});
