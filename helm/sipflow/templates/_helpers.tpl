{{/* Names and labels shared by every object of the release. */}}
{{- define "sipflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sipflow.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector of one service's pods: include "sipflow.selector" (list $ "collector") */}}
{{- define "sipflow.selector" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ $.Chart.Name }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "sipflow.image" -}}
{{- $ := index . 0 -}}
{{- printf "%s/%s/%s:%s" $.Values.image.registry $.Values.image.repositoryPrefix (index . 1) (default $.Chart.AppVersion $.Values.image.tag) -}}
{{- end -}}

{{- define "sipflow.secretName" -}}
{{- default (printf "%s-secrets" (include "sipflow.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The correlators' ceiling: partitions of sip.raw.v1. */}}
{{- define "sipflow.partitions" -}}
{{- int .Values.config.KAFKA_TOPIC_PARTITIONS -}}
{{- end -}}

{{/* Secret environment of the pods that read ClickHouse (correlator, api). */}}
{{- define "sipflow.clickhouseEnv" -}}
- name: CLICKHOUSE_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.clickhouse.passwordSecret.name }}
      name: {{ .Values.clickhouse.passwordSecret.name }}
      key: {{ .Values.clickhouse.passwordSecret.key | default "password" }}
      {{- else }}
      name: {{ include "sipflow.secretName" . }}
      key: CLICKHOUSE_PASSWORD
      {{- end }}
{{- end -}}

{{/* Secret environment of the pods that use Kafka (collector, correlator), when SASL is on. */}}
{{- define "sipflow.kafkaEnv" -}}
{{- if .Values.kafka.sasl.username }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.kafka.sasl.passwordSecret.name }}
      name: {{ .Values.kafka.sasl.passwordSecret.name }}
      key: {{ .Values.kafka.sasl.passwordSecret.key | default "password" }}
      {{- else }}
      name: {{ include "sipflow.secretName" . }}
      key: KAFKA_SASL_PASSWORD
      {{- end }}
{{- end }}
{{- end -}}

{{/* Extra env of one service from values (<service>.env: {NAME: value}). */}}
{{- define "sipflow.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Pod-level settings every workload shares. */}}
{{- define "sipflow.podCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Spread one service's pods over nodes (best effort). */}}
{{- define "sipflow.spread" -}}
{{- $ := index . 0 -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "sipflow.selector" . | nindent 8 }}
{{- end -}}

{{- define "sipflow.deviceMapVolume" -}}
{{- if .Values.deviceMap }}
- name: device-map
  configMap:
    name: {{ include "sipflow.fullname" . }}-devices
{{- end }}
{{- end -}}

{{- define "sipflow.deviceMapMount" -}}
{{- if .Values.deviceMap }}
- name: device-map
  mountPath: /etc/sipflow
  readOnly: true
{{- end }}
{{- end -}}
