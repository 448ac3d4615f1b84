curl https://api.groq.com/openai/v1/chat/completions \
  -H "Authorization: Bearer gsk_Q7w9E2r4T6y8U1i3O5p7A9s2D4f6G8h1J3k5L7z9X2c4V6b8N1m" \
  -H 'Content-Type: application/json' \
  --data-raw '{"model":"llama-3.1-8b-instant","messages":[{"role":"system","content":"be short"},{"role":"user","content":"hello"}],"max_tokens":64,"stream":true}'
