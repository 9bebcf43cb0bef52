import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { WebServiceEntity } from './web-service.entity';

/** Persistence of web services, in the ambient transaction (UnitOfWork). */
@Injectable()
export class WebServiceRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  listAll(): Promise<WebServiceEntity[]> {
    return this.unitOfWork
      .manager()
      .getRepository(WebServiceEntity)
      .find({ order: { id: 'ASC' } });
  }

  findById(id: number): Promise<WebServiceEntity | null> {
    return this.unitOfWork.manager().findOneBy(WebServiceEntity, { id });
  }

  /**
   * Id of another web service with this name, compared case-insensitively so SQLite
   * behaves like MySQL's case-insensitive unique index.
   */
  async findIdByName(name: string, exceptId?: number): Promise<number | undefined> {
    const query = this.unitOfWork
      .manager()
      .createQueryBuilder(WebServiceEntity, 'ws')
      .select('ws.id', 'id')
      .where('LOWER(ws.name) = LOWER(:name)', { name });
    if (exceptId !== undefined) query.andWhere('ws.id <> :exceptId', { exceptId });
    const row = await query.getRawOne<{ id: number }>();
    return row ? Number(row.id) : undefined;
  }

  save(entity: WebServiceEntity): Promise<WebServiceEntity> {
    return this.unitOfWork.manager().save(WebServiceEntity, entity);
  }

  /** True when a web service was deleted. */
  async deleteById(id: number): Promise<boolean> {
    const result = await this.unitOfWork.manager().delete(WebServiceEntity, { id });
    return (result.affected ?? 0) > 0;
  }
}
