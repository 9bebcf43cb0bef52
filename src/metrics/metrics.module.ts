/**
 * metrics: the Prometheus metrics of the instance (MetricsService, one prom-client Registry per
 * application), the inbound HTTP timings (HttpMetrics, mounted by bootstrap.ts), the gauges read
 * from the database at scrape time, and GET /metrics. Global and low in the layers: every module
 * that does the work reports it with a one-line call.
 */
import { Global, Module } from '@nestjs/common';
import { DatabaseGauges } from './database-gauges';
import { HttpMetrics } from './http-metrics.middleware';
import { MetricLabels } from './metric-labels';
import { MetricsAccessGuard, MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricLabels, DatabaseGauges, MetricsService, HttpMetrics, MetricsAccessGuard],
  exports: [MetricsService, HttpMetrics],
})
export class MetricsModule {}
