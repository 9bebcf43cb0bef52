import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { SafeCall } from './outbound/call-record';
import { WebServiceCallEntity } from './web-service-call.entity';

/** Rows per INSERT statement (a call row carries up to 16 KB of bodies). */
const INSERT_CHUNK = 50;

/** web_service_call: the API inspector's rows. */
@Injectable()
export class WebServiceCallRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo() {
    return this.unitOfWork.manager().getRepository(WebServiceCallEntity);
  }

  async insertMany(calls: SafeCall[]): Promise<void> {
    for (let i = 0; i < calls.length; i += INSERT_CHUNK) await this.repo().insert(calls.slice(i, i + INSERT_CHUNK));
  }

  /** Keeps the newest `keep` rows of one web service; answers how many went. */
  async trim(webServiceId: number, keep: number): Promise<number> {
    const oldestKept = await this.repo()
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.webServiceId = :webServiceId', { webServiceId })
      .orderBy('c.id', 'DESC')
      .offset(keep - 1)
      .limit(1)
      .getRawOne<{ id: number }>();
    if (!oldestKept) return 0;
    const result = await this.repo().delete({ webServiceId, id: LessThan(Number(oldestKept.id)) });
    return result.affected ?? 0;
  }

  page(webServiceId: number, limit: number, offset: number): Promise<[WebServiceCallEntity[], number]> {
    return this.repo().findAndCount({ where: { webServiceId }, order: { id: 'DESC' }, take: limit, skip: offset });
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    return (await this.repo().delete({ at: LessThan(cutoff) })).affected ?? 0;
  }
}
