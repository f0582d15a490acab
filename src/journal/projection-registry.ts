import type { StoredEvent } from './event';
import type { Projection } from './projection';

/** The projections every appended or replayed event goes to, in registration order. */
export class ProjectionRegistry {
  private readonly projections: Projection[] = [];

  register(projection: Projection): this {
    if (this.projections.some((p) => p.name === projection.name)) {
      throw new Error(`projection ${projection.name} is already registered`);
    }
    this.projections.push(projection);
    return this;
  }

  apply(event: StoredEvent): void {
    for (const projection of this.projections) projection.apply(event);
  }

  reset(): void {
    for (const projection of this.projections) projection.reset();
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }
}
