#!/bin/sh
# Renders the primary's Istio control plane with the overlay beside this file.
# Run it from the folder that holds dist-install/ and the unpacked istio-1.0.7/ release,
# then: kubectl --context primary apply -f dist/primary/ && kubectl --context primary apply -f istio.yaml
set -eu
helm template istio-1.0.7/install/kubernetes/helm/istio --name istio --namespace istio-system --values dist-install/primary/istio-values.yaml > istio.yaml
