#!/bin/sh
# Renders the primary's Istio control plane with the overlay beside this file.
# Run it from the folder that holds dist-install/ and the unpacked istio-1.0.7/ release,
# after the CRDs (kubectl --context primary apply -f dist-crds/primary/, then kubectl --context primary wait --for condition=established crd --all),
# then: kubectl --context primary apply -f dist/primary/ && kubectl --context primary apply -f istio.yaml
# Helm 2's render also holds the chart's v1beta1 CRDs, which Kubernetes 1.27 refuses: delete them from istio.yaml first.
set -eu
helm template istio-1.0.7/install/kubernetes/helm/istio --name istio --namespace istio-system --values dist-install/primary/istio-values.yaml > istio.yaml
