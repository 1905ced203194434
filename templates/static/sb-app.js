/* SB.app: navigation, progress, quizzes (contract: docs/runtime.md). Compact on purpose: app+css < 26 KB */
(function(W,doc){
"use strict";
var SB=W.SB=W.SB||{},D,S,lms,ses={},fin,all,cur,nav=[],seen={},Q={},live,AS=Array.prototype.slice,
TY={single:"choice",multiple:"choice",ordering:"sequencing"};
function $(s,r){return(r||doc).querySelector(s);}
function $$(s,r){return AS.call((r||doc).querySelectorAll(s));}
function up(e,s){return e&&e.closest?e.closest(s):null;}
// el("tag.class", {attribute: value, text: "", html: ""}, children)
function el(t,a,k){
var p=t.split("."),e=doc.createElement(p[0]),n,v;
if(p[1])e.className=p.slice(1).join(" ");
for(n in a){
v=a[n];
if(v==null||v===false)continue;
if(n=="html")e.innerHTML=v;else if(n=="text")e.textContent=v;else e.setAttribute(n,v===true?"":v);
}
return add(e,k);
}
function add(e,k){
if(k==null)return e;
if(!(k instanceof Array))k=[k];
for(var i=0;i<k.length;i++){
if(k[i]instanceof Array)add(e,k[i]);
else if(k[i]!=null)e.appendChild(typeof k[i]=="object"?k[i]:doc.createTextNode(k[i]));
}
return e;
}
function str(k){return S[k]!=null?String(S[k]):k;}
// a message with {placeholders}: values isolated in <bdi> ("%" after a value stays with it)
function msg(k,v,t){
var e=el(t||"span"),s=str(k),re=/\{(\w+)\}(\s?%)?/g,m,i=0;
while((m=re.exec(s))){
add(e,[s.slice(i,m.index),el("bdi",{text:(v[m[1]]==null?"":v[m[1]])+(m[2]||"")})]);
i=re.lastIndex;
}
return add(e,s.slice(i));
}
function txt(k,v){return msg(k,v).textContent;}
function plain(h){return el("i",{html:h}).textContent.replace(/\s+/g," ").trim();}
function mark(ok,t){return[el("span.mark",{"aria-hidden":"true",text:ok?"\u2713 ":"\u2717 "}),t];}
function btn(a){return el("div.actions",{},el("button.button.primary",{type:"button","data-action":a,text:str(a)}));}
function shuffle(a){
for(var i=a.length-1,j,t;i>0;i--){j=Math.floor(Math.random()*(i+1));t=a[i];a[i]=a[j];a[j]=t;}
return a;
}
function say(m){live.textContent="";setTimeout(function(){live.textContent=m;},60);}
function call(f){try{return lms&&lms[f]?lms[f].apply(lms,AS.call(arguments,1)):null;}catch(e){return null;}}
/* ---- navigation ---- */
function idx(id){for(var i=0;i<nav.length;i++)if(nav[i].id===id)return i;return-1;}
function go(id,quiet){
var i=idx(id),pg,qb,n=0,k,pb=$("#sb-progress");
if(i<0)return;
cur=id;
seen[id]=1;
$$("section.sb-page").forEach(function(s){s.hidden=s.dataset.page!==id;});
pg=$('section.sb-page[data-page="'+id+'"]');
qb=nav[i].quiz&&$('.sb-quiz[data-quiz="'+nav[i].quiz+'"]');
if(qb&&!qb.hasAttribute("data-state"))draw(nav[i].quiz);
$$("#sb-toc a[data-page]").forEach(function(a){
var p=a.dataset.page;
if(p===id)a.setAttribute("aria-current","page");else a.removeAttribute("aria-current");
if(seen[p])a.classList.add("done");
});
$("#sb-prev").disabled=!i;
$("#sb-next").disabled=i==nav.length-1;
for(k in seen)if(idx(k)>=0)n++;
if(n==nav.length&&!quiet&&!all){all=1;say(str("course_done"));}
pb.setAttribute("aria-valuenow",n);
pb.setAttribute("aria-valuetext",txt("progress_text",{seen:n,total:nav.length}));
$("span",pb).style.inlineSize=Math.round(100*n/nav.length)+"%";
k=$("#sb-progress-text");
k.textContent="";
add(k,msg("progress_text",{seen:n,total:nav.length}));
toc(false);
if(!quiet&&pg){W.scrollTo(0,0);if((k=$("h1",pg)))k.focus();}
done();
call("checkpoint");
}
function toc(open){
var b=$("#sb-toc-toggle");
if(open==null)open=!doc.body.classList.contains("toc-open");
b.setAttribute("aria-expanded",""+!!open);
doc.body.classList.toggle("toc-open",!!open);
}
/* ---- quiz state and scoring ---- */
function qz(id){return D.quizzes[id];}
function qq(z,id){for(var i=0;i<z.questions.length;i++)if(z.questions[i].id===id)return z.questions[i];return null;}
function ids(a,f){return a.map(function(x){return x[f||"id"];});}
function state(z){
var s=Q[z.id]||(Q[z.id]={n:0,b:0,s:-1,f:0,d:[],r:{}}),d;
if(!s.d.length){
d=ids(z.questions);
if(z.draw&&z.draw<d.length)d=shuffle(d).slice(0,z.draw);
s.d=d;s.f=0;s.r={};
}
s.u=s.u||{t:Date.now(),a:{},o:{}};
return s;
}
function left(z,s){return z.attempts?Math.max(0,z.attempts-s.n):1/0;}
function final(z,s){return s.n>0&&(s.b>=z.passMark||!left(z,s));}
function isChoice(q){return q.type=="single"||q.type=="multiple";}
// responses hold choice keys (sorted), not ids
function chosen(q,r){r=(r||"").split(",");return ids(q.choices.filter(function(c){return r.indexOf(c.key)>=0;}));}
function keys(q,c){return q.choices.filter(function(x){return c.indexOf(x.id)>=0;}).map(function(x){return x.key;}).sort().join(",");}
function pairs(r){
var m={};
(r||"").split(",").forEach(function(t){t=t.split(".");if(t[1])m[t[0]]=t[1];});
return m;
}
function norm(s){
return(""+(s==null?"":s)).normalize("NFKC").replace(/[\u064B-\u065F\u0670\u0640]/g,"").replace(/[\u0622\u0623\u0625]/g,"\u0627").replace(/\u0629/g,"\u0647")
.replace(/\u0649(?![\u0621-\u064A])/g,"\u064A").replace(/\s+/g," ").trim().toLowerCase();
}
function num(s){
s=(""+(s==null?"":s)).replace(/[\u0660-\u0669\u06F0-\u06F9]/g,function(c){return c.charCodeAt(0)% 16;})
.replace(/[\s\u066C\u200E\u200F]/g,"").replace(/[\u066B,]/g,".").replace(/^[\u2212\u2013]/,"-");
return/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)?parseFloat(s):null;
}
function pattern(q){
var t=q.type;
return isChoice(q)?keys(q,q.correct):t=="true-false"?(q.correct?"t":"f"):t=="fill-in"?q.answers[0]||"":
t=="numeric"?""+q.correct:t=="matching"?q.pairs.map(function(p){return p.key+"."+p.rightKey;}).join(","):ids(q.items,"key").join(",");
}
// fully right? (choice keys and matching pairs are written in the same order as the pattern)
function right(q,r){
var t=q.type,x;
if(!r)return false;
if(t=="fill-in"){x=norm(r);return!!x&&q.answers.some(function(a){return norm(a)===x;});}
if(t=="numeric"){x=num(r);return x!==null&&Math.abs(x-q.correct)<=(q.tolerance||0)+1e-9;}
return r===pattern(q);
}
function reply(q,r){return q.type=="numeric"?(r=num(r))===null?"":""+r:r||"";}
// the learner's response to one question, from the page
function read(q,f){
var t=q.type,v;
if(isChoice(q)){v=ids($$("input:checked",f),"value");return v.length?keys(q,v):null;}
if(t=="true-false"){v=$("input:checked",f);return v?v.value.charAt(0):null;}
if(t=="matching"){
v=$$("select",f).filter(function(s){return s.value;}).map(function(s){return s.dataset.left+"."+s.value;});
return v.length?v.join(","):null;
}
if(t=="ordering")return $$("li",f).map(function(l){return l.dataset.key;}).join(",");
v=$("input",f).value;
return v.trim()?v.slice(0,t=="numeric"?20:80):null;
}
function score(z,s){
var all=0,ok=0;
s.d.forEach(function(id){var q=qq(z,id),w=q.weight==null?1:+q.weight;all+=w;if(right(q,s.r[id]))ok+=w;});
return all?Math.round(100*ok/all):0;
}
/* ---- quiz view ---- */
function draw(id){
var z=qz(id),box=$('.sb-quiz[data-quiz="'+id+'"]'),s,sub,n;
if(!z||!box)return;
s=state(z);sub=!!s.f;n=left(z,s);
box.textContent="";
box.setAttribute("data-state",sub?"submitted":"open");
add(box,sub?results(z,s,n):el("p.quiz-intro",{},[msg("quiz_intro",{count:s.d.length,mark:z.passMark}),
z.attempts?[" \u00B7 ",msg("attempts_left",{n:n})]:null]));
s.d.forEach(function(q,i){add(box,question(z,s,qq(z,q),i,sub));});
if(!sub)add(box,btn("submit"));
}
function results(z,s,n){
var sc=s.s<0?score(z,s):s.s,ok=sc>=z.passMark,l=el("ol.qlist");
s.d.forEach(function(id,i){
var g=right(qq(z,id),s.r[id]);
add(l,el("li."+(g?"ok":"ko"),{},[msg("question_n",{n:i+1,total:s.d.length}),": ",
mark(g,str(s.r[id]==null?"unanswered":g?"correct":"incorrect"))]));
});
return el("div.result."+(ok?"pass":"fail"),{"data-result":"","data-score":sc,"data-passed":""+ok,tabindex:"-1",role:"region","aria-labelledby":"r-"+z.id},[
el("h2",{id:"r-"+z.id,text:str("results")}),msg("score",{score:sc},"p.score"),
el("p.verdict",{},mark(ok,str(ok?"passed":"failed"))),
el("p.small",{},[msg("pass_mark",{mark:z.passMark}),s.n>1?[" \u00B7 ",msg("best_score",{score:s.b})]:null,
z.attempts?[" \u00B7 ",n?msg("attempts_left",{n:n}):str("no_attempts_left")]:null]),
l,n?btn("retry"):null]);
}
function question(z,s,q,i,sub){
var id="q-"+z.id+"-"+q.id,r=s.r[q.id],t=q.type,show=sub&&z.showAnswers,good=sub&&right(q,r),hint,ans,
lg=el("legend",{},[msg("question_n",{n:i+1,total:s.d.length},"span.qn"),el("span.prompt",{html:q.prompt})]),
fs=el("fieldset.question",{"data-question":q.id,id:id,disabled:sub},lg),b=el("div.qbody"),f;
if(isChoice(q)||t=="true-false"){
var tf=t=="true-false",on=tf?(r?[r=="t"?"true":"false"]:[]):chosen(q,r),
ok=tf?[""+q.correct]:q.correct,cs=tf?[{id:"true",text:str("true")},{id:"false",text:str("false")}]:order(z,s,q);
if(t=="multiple")hint="multiple_hint";
cs.forEach(function(c,k){
var o=on.indexOf(c.id)>=0,y=ok.indexOf(c.id)>=0,row=el("div.choice"+(show&&y?".right":"")+(sub&&o&&!y?".wrong":""),{},[
el("input",{type:t=="multiple"?"checkbox":"radio",name:id,id:id+k,value:c.id,checked:o}),
el("label",{"for":id+k,html:c.html,text:c.text})]);
if(show&&y)add(row,el("span.tag",{text:str("correct_answer").replace(/\s*:\s*$/,"")}));
if(sub&&o&&c.feedback)add(row,el("div.cfb",{html:c.feedback}));
add(b,row);
});
}else if(t=="matching"){
hint="matching_hint";
var m=pairs(r),rs=s.u.o[q.id]||(s.u.o[q.id]=shuffle(q.pairs.slice()));
q.pairs.forEach(function(p,k){
var sid=id+k,y=m[p.key]===p.rightKey,se=el("select",{id:sid,"data-left":p.key,"aria-labelledby":sid+"l"},el("option",{value:"",text:str("choose")}));
rs.forEach(function(x){add(se,el("option",{value:x.rightKey,text:plain(x.right),selected:m[p.key]===x.rightKey}));});
add(b,el("div.pair"+(sub?(y?".right":".wrong"):""),{},[el("div.left",{id:sid+"l",html:p.left}),se,
show&&!y?el("span.tag",{text:str("correct_answer")+" "+plain(p.right)}):null]));
});
}else if(t=="ordering"){
hint="ordering_hint";
var o=r?r.split(","):s.u.o[q.id],it={},ol=el("ol.order"),ref=pattern(q);
q.items.forEach(function(x){it[x.key]=x;});
if(!o||o.sort&&o.slice().sort().join()!=ids(q.items,"key").sort().join()){
o=ref.split(",");
for(var g=0;g<9&&o.length>1&&o.join(",")==ref;g++)shuffle(o);
}
s.u.o[q.id]=o;
o.forEach(function(k){
var nm=plain(it[k].html);
add(ol,el("li",{"data-key":k},[el("span.item",{html:it[k].html}),el("span.moves",{},[
el("button.move",{type:"button","data-move":"up","aria-label":str("move_up")+": "+nm,text:"\u2191"}),
el("button.move",{type:"button","data-move":"down","aria-label":str("move_down")+": "+nm,text:"\u2193"})])]));
});
add(b,ol);
moves(ol);
}else{
var nu=t=="numeric";
add(b,[el("label.lbl",{"for":id+"i",text:str("your_answer")}),nu?el("span.hint",{id:id+"h",text:str("numeric_hint")}):null,
el("input.text",{type:"text",id:id+"i",dir:"auto",autocomplete:"off",spellcheck:"false",maxlength:nu?20:80,inputmode:nu?"decimal":null,"aria-describedby":nu?id+"h":null})]);
$("input",b).value=r||"";
}
if(hint)add(lg,el("span.hint",{text:str(hint)}));
add(fs,b);
if(sub){
b=el("div.qfb."+(good?"ok":"ko"),{},el("p.verdict",{},mark(good,str(r==null?"unanswered":good?"correct":"incorrect"))));
f=q.feedback&&q.feedback[good?"correct":"incorrect"];
if(f)add(b,el("div.fbtext",{html:f}));
ans=t=="fill-in"?el("bdi",{text:q.answers[0]}):t=="numeric"?el("bdi",{text:q.correct+(q.tolerance?" \u00B1 "+q.tolerance:"")}):
t=="ordering"?el("ol",{},q.items.map(function(x){return el("li",{html:x.html});})):null;
if(show&&!good&&ans)add(b,el("div.answer",{},[el("strong",{text:str("correct_answer")+" "}),ans]));
if(q.see&&idx(q.see.id)>=0)add(b,el("p.see",{},el("a",{href:"#p-"+q.see.id,"data-goto":q.see.id},msg("see",{title:q.see.title}))));
add(fs,b);
}
return fs;
}
// choices in display order: shuffled once per attempt, pinned choices keep their place
function order(z,s,q){
var o=s.u.o[q.id],c,j=0;
if(!o){
c=q.choices;
o=c.filter(function(x){return!x.pin;});
if(z.shuffle)shuffle(o);
o=s.u.o[q.id]=c.map(function(x){return x.pin?x:o[j++];});
}
return o;
}
function moves(ol){
var l=$$("li",ol);
l.forEach(function(li,i){$("[data-move=up]",li).disabled=!i;$("[data-move=down]",li).disabled=i==l.length-1;});
}
function move(b){
var li=up(b,"li"),ol=li.parentNode,u=b.dataset.move=="up",sb=u?li.previousElementSibling:li.nextElementSibling;
if(!sb)return;
ol.insertBefore(li,u?sb:sb.nextSibling);
moves(ol);
(b.disabled?$("[data-move="+(u?"down":"up")+"]",li):b).focus();
say(txt("moved",{item:plain($(".item",li).innerHTML),pos:$$("li",ol).indexOf(li)+1,total:ol.children.length}));
changed(up(li,"fieldset"));
}
function changed(f){
var box=up(f,".sb-quiz"),z=box&&qz(box.dataset.quiz),s,id,r;
if(!z)return;
s=state(z);id=f.dataset.question;r=read(qq(z,id),f);
if(r==null)delete s.r[id];else s.r[id]=r;
s.u.a[id]=Date.now();
}
function submit(box){
var z=qz(box.dataset.quiz),s=state(z),now=Date.now(),sc,res;
$$("fieldset",box).forEach(changed);
sc=score(z,s);
s.n=Math.min(s.n+1,9999);s.s=sc;s.f=1;s.b=Math.max(s.b,sc);
s.d.forEach(function(id){
var q=qq(z,id),r=s.r[id];
call("addInteraction",{id:z.id+"_"+id,type:TY[q.type]||q.type,response:reply(q,r),pattern:pattern(q),result:right(q,r)?"correct":"wrong",
weight:q.weight==null?1:q.weight,latencyMs:Math.max(0,(s.u.a[id]||now)-s.u.t),time:new Date(now)});
});
call("setObjective",z.id,{raw:s.b,status:s.b>=z.passMark?"passed":final(z,s)?"failed":"incomplete"});
report();
draw(z.id);
if((res=$("[data-result]",box)))res.focus();
say(txt("submitted",{score:sc})+" "+str(sc>=z.passMark?"passed":"failed"));
call("checkpoint");
}
function retry(box){
var z=qz(box.dataset.quiz),s=Q[z.id],f;
if(!s||!left(z,s))return;
s.d=[];s.u=null;
state(z);
draw(z.id);
if((f=$("input,select,li button:enabled",box)))f.focus();
call("checkpoint");
}
// the SCO's score and status (runtime.md, "Scoring, status and exit")
function report(){
var sc=D.scoring||{},q=(sc.quizzes||[]).filter(qz),sum=0,i,raw,ms=D.sco.masteryScore;
if(sc.method=="none"||!q.length)return done(1);
for(i=0;i<q.length;i++){
if(!Q[q[i]]||!final(qz(q[i]),Q[q[i]]))return;
sum+=Q[q[i]].b;
}
raw=Math.round(sum/q.length);
if(ms==null)ms=qz(q[0]).passMark;
call("setScore",raw);
call("setStatus",raw>=ms?"passed":"failed");
}
function done(force){
var sc=D.scoring||{},i;
if(fin||!(force||sc.method=="none"||!(sc.quizzes||[]).filter(qz).length))return;
for(i=0;i<nav.length;i++)if(!seen[nav[i].id])return;
fin=1;
call("setStatus","completed");
}
/* ---- suspend_data v1 ---- */
function snapshot(){
var q={},k,s;
for(k in Q){s=Q[k];if(s.d.length)q[k]={n:s.n,b:s.b,s:s.s,f:s.f,d:s.d,r:s.r};}
return{state:{v:1,l:cur,p:ids(nav.filter(function(n){return seen[n.id];})),q:q},location:cur};
}
function restore(o){
if(!o||o.v!==1)return;
(o.p||[]).forEach(function(id){if(idx(id)>=0)seen[id]=1;});
for(var k in o.q||{}){
var z=qz(k),s=o.q[k],d,r={};
if(!z||!s)continue;
d=(s.d||[]).filter(function(id){return qq(z,id);});
d.forEach(function(id){if(typeof(s.r||{})[id]=="string")r[id]=s.r[id];});
Q[k]={n:+s.n||0,b:+s.b||0,s:s.s==null?-1:+s.s,f:d.length&&s.f?1:0,d:d,r:r};
}
}
/* ---- notices, exit, events ---- */
function notice(m){
var n=$("#sb-notice");
if(n.textContent.indexOf(m)<0)add(n,el("p",{text:m}));
n.hidden=false;
}
function exit(){
call("checkpoint");
call("finish");
doc.body.classList.add("finished");
$$("section.sb-page").forEach(function(s){s.hidden=true;});
var h=el("h1",{tabindex:"-1",text:str("exit_done")});
$("#sb-main").appendChild(el("section.sb-page.sb-page-exit",{},h));
h.focus();
}
function click(e){
var t=e.target,a=up(t,"a[data-goto],a[data-page],a[href^='#p-']"),b=up(t,"button"),act,box,i=idx(cur),h;
if(a){
h=a.dataset.goto||a.dataset.page||a.hash.slice(3);
if(idx(h)>=0){e.preventDefault();go(h);}
return;
}
if(!b||b.disabled)return;
act=b.dataset.action;box=up(b,".sb-quiz");
if(b.id=="sb-prev"&&i>0)go(nav[i-1].id);
else if(b.id=="sb-next"&&i<nav.length-1)go(nav[i+1].id);
else if(b.id=="sb-toc-toggle"){toc();if((h=$("#sb-toc a[aria-current]")||$("#sb-toc a"))&&doc.body.classList.contains("toc-open"))h.focus();}
else if(b.dataset.move)move(b);
else if(act=="submit"&&box)submit(box);
else if(act=="retry"&&box)retry(box);
else if(act=="exit")exit();
}
function change(e){var f=up(e.target,"fieldset[data-question]");if(f)changed(f);}
function key(e){
if(/^Esc/.test(e.key)&&doc.body.classList.contains("toc-open")){toc(false);$("#sb-toc-toggle").focus();}
}
function safe(f){return function(e){try{f(e);}catch(x){if(W.console)console.error("SB.app",x);}};}
function init(){
D=JSON.parse($("#sb-data").textContent);
S=D.strings||{};
nav=D.nav;
live=$("#sb-live");
lms=SB.lms;
doc.addEventListener("click",safe(click));
doc.addEventListener("change",safe(change));
doc.addEventListener("input",safe(change));
doc.addEventListener("keydown",safe(key));
call("onWarning",function(){notice(str("lms_warning"));});
ses=call("start",{key:D.course.id+"/"+D.sco.id,snapshot:snapshot})||{};
try{restore(ses.state);}catch(e){seen={};Q={};}
if(ses.mode=="standalone")notice(str("standalone_notice"));
if(ses.readOnly)notice(str("review_notice"));
go(idx(ses.location)>=0?ses.location:nav[0].id,1);
}
SB.app={go:safe(go),current:function(){return cur;},normalise:norm,number:num};
safe(init)();
})(window,document);
