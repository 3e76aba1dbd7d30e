import { useParams } from 'react-router'
import { api, call, callWithResponse } from '../../../api/client'
import { DpsForm } from '../dps-form'
import { dpsPath, fetchDps, type DpsWithTag, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'

// cpvNames finds the description of each saved CPV code, so the form shows
// words rather than numbers; a code it cannot find is shown as it is.
async function cpvNames(codes: string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {}
  await Promise.all(
    [...new Set(codes)].map(async (code) => {
      try {
        const { items } = await call(api.GET('/api/v1/cpv', { params: { query: { q: code, limit: 5 } } }))
        const hit = items.find((i) => i.code === code)
        if (hit) names[code] = hit.description
      } catch {
        // The code itself will do.
      }
    }),
  )
  return names
}

/** EditDps changes a DPS: freely while a draft, within the rules of its regime once published. */
export function EditDps() {
  const { id = '' } = useParams()
  const { load } = useLoad(async () => {
    const got = await fetchDps(id)
    return { ...got, names: await cpvNames(got.dps.categories.flatMap((c) => c.cpvCodes)) }
  }, [id])
  return <LoadGate load={load}>{(data) => <Edit data={data} />}</LoadGate>
}

function Edit({ data }: { data: DpsWithTag & { names: Record<string, string> } }) {
  const { dps, etag } = data
  return (
    <DpsForm
      title={`Change ${dps.title}`}
      dps={dps}
      cpvNames={data.names}
      submitLabel="Save changes"
      back={dpsPath(dps.id)}
      save={async (body) => {
        const { data: saved } = await callWithResponse(api.PUT('/api/v1/dps/{id}', { params: { path: { id: dps.id }, header: { 'If-Match': etag } }, body }))
        if (saved.status === 'draft') return { to: dpsPath(saved.id, 'publish') }
        const state: Notice = { notice: 'Changes saved' }
        return { to: dpsPath(saved.id), state }
      }}
    />
  )
}
