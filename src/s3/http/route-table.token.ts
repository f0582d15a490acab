/** DI token of the table of implemented operations' routes. */
export const ROUTE_TABLE = Symbol('RouteTable');
