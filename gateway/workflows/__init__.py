"""The regulation's workflows (§12-§17, §26-§31, §39, §42, §44) as store operations.

Each operation takes the gateway (store, clock, calendar, audit) and the acting Caller,
checks who may act, changes the store in one transaction, leaves notifications in the
recipients' inboxes and writes an audit record. GraphQL resolvers call these.
"""
