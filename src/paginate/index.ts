// Pagination and waiters, as AWS CLI v2 does them. See each module.
export {
  cliServiceData,
  cliSkeletonHints,
  packageRoot,
  paginatorFor,
  waiterFor,
  waiterNames,
  type PackPaginator,
  type PackPaginators,
  type PaginatorConfig,
  type SkeletonHints,
  type WaiterAcceptor,
  type WaiterConfig,
} from "./config.ts";
export { decodeToken, encodeToken, pyJsonDumps, type DecodedToken, type EncodeOptions, type TokenPath } from "./token.ts";
export {
  buildFullResult,
  mergePage,
  mergePages,
  paginate,
  PageIterator,
  textNextToken,
  textPage,
  type PaginateOptions,
} from "./paginate.ts";
export { runWaiter, WaiterError, type WaiterOptions } from "./waiter.ts";
