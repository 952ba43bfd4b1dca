"""Reconciliation (W3C Entity Reconciliation CG, Reconciliation Service API 0.2, as OpenRefine
speaks it): match names as archives write them to the graph's entities, suggest, preview, and
extend a table with the graph's properties. The router is gongyun.api.routers.reconcile."""
