/** The limits that keep one search cheap (a search box query, not a document), shared with the contract. */
export const MAX_QUERY_LENGTH = 500;
/** Incidents per page of results. */
export const MAX_SEARCH_LIMIT = 100;
